// One task on the workbench: what it is (title, due date, status, progress, marks, note) and,
// where the person may write, the taps that change it. Writes of one task go one after the
// other, each with If-Match of the version this page holds, so nothing is ever overwritten
// unseen: a 412 shows what the task is now and changes nothing.

import { make, setText, button } from './dom.js';
import { patchTask } from './api.js';

export const STATUSES = ['notStarted', 'inProgress', 'blocked', 'done'];
export const STEPS = [0, 25, 50, 75, 100];

/** A person as screens show them: the display name, "系统" for the system, the username only when no name came. */
export function personName(text, displayName, username) {
  if (username === 'system' && !displayName) return text.system;
  return displayName || username || '';
}

export class TaskRow {
  /** unitName(id): a unit's name, for where a copy of a directive came from (交办 · 机关党委). */
  constructor(text, unitId, task, formatTime, unitName = (id) => id) {
    this.text = text;
    this.unitId = unitId;
    this.formatTime = formatTime;
    this.unitName = unitName;
    this.task = null;
    this.queue = Promise.resolve();
    const t = text;
    this.element = make('li', 'task');
    this.element.dataset.task = task.id;
    const head = make('div', 'task-head', this.element);
    this.title = make('span', 'task-title', head);
    const marks = make('span', 'flags', head);
    this.overdue = make('span', 'flag overdue', marks);
    this.overdue.textContent = t.overdue;
    this.stale = make('span', 'flag stale', marks);
    this.stale.textContent = t.stale;
    const meta = make('div', 'task-meta', this.element);
    this.track = make('span', 'track-chip', meta);
    this.due = make('span', 'due', meta);
    // 到期完成: expected only once due, so never behind before then (docs/domain.md "Roll-up").
    this.expectation = make('span', 'expectation-chip', meta);
    this.expectation.textContent = t.expectations.atDue;
    this.expectation.title = t.expectationHint;
    this.status = make('span', 'status-chip', meta);
    this.progressValue = make('span', 'progress-value', meta);
    this.tags = make('span', 'tags', meta);
    this.origin = make('span', 'origin-chip', meta);
    // 已销号: a finding's task signed off by its inspector cannot change (the server answers 409).
    this.lockedChip = make('span', 'locked-chip', meta);
    this.lockedChip.textContent = t.lockedTask;
    this.lockedChip.title = t.lockedHint;
    this.writable = false;
    this.actions = meta;
    this.toggle = button(meta, 'toggle', t.update);
    this.toggle.setAttribute('aria-expanded', 'false');
    this.toggle.addEventListener('click', () => this.setOpen(!this.element.classList.contains('open')));
    this.bar = make('span', 'bar', this.element);
    this.fill = make('i', 'fill', this.bar);
    this.noteText = make('p', 'note-text', this.element);
    this.editor = make('div', 'editor', this.element);
    this.makeEditor();
    this.message = make('p', 'message', this.element);
    this.message.setAttribute('role', 'alert');
    this.message.hidden = true;
    this.updated = make('p', 'updated', this.element);
    this.update(task);
  }

  makeEditor() {
    const t = this.text;
    const statuses = make('div', 'statuses', this.editor);
    statuses.setAttribute('role', 'group');
    statuses.setAttribute('aria-label', t.statusLabel);
    this.statusButtons = STATUSES.map((status) => {
      const b = button(statuses, 'status', t.status[status]);
      b.dataset.status = status;
      b.addEventListener('click', () => this.setStatus(status));
      return b;
    });
    const steps = make('div', 'steps', this.editor);
    steps.setAttribute('role', 'group');
    steps.setAttribute('aria-label', t.progress);
    this.stepButtons = STEPS.map((step) => {
      const b = button(steps, 'step', `${step}%`);
      b.dataset.progress = String(step);
      b.addEventListener('click', () => this.write({ progress: step }));
      return b;
    });
    const more = button(steps, 'step more', '+10');
    more.dataset.progress = '+10';
    more.addEventListener('click', () => this.write({ progress: Math.min(100, (this.task.progress ?? 0) + 10) }));
    this.stepButtons.push(more);
    const noteRow = make('div', 'note-row', this.editor);
    this.noteInput = make('textarea', 'note-input', noteRow);
    this.noteInput.rows = 2;
    this.noteInput.maxLength = 2000;
    this.noteInput.placeholder = t.notePlaceholder;
    this.noteInput.setAttribute('aria-label', t.note);
    this.saveNote = button(noteRow, 'save-note', t.saveNote);
    this.noteInput.addEventListener('input', () => this.showDirty());
    this.noteInput.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.writeNote();
      }
    });
    this.noteInput.addEventListener('blur', () => { if (this.noteDirty()) this.writeNote(); });
    this.saveNote.addEventListener('click', () => this.writeNote());
    this.noteBase = null;
  }

  setOpen(open) {
    this.element.classList.toggle('open', open);
    this.toggle.setAttribute('aria-expanded', String(open));
    this.toggle.textContent = open ? this.text.close : this.text.update;
  }

  setWritable(asked) {
    this.writable = asked;
    const writable = asked && !this.task?.locked;
    if (!writable) this.setOpen(false);
    this.edit?.setWritable(writable);
    this.editor.hidden = !writable;
    this.toggle.hidden = !writable;
    for (const b of [...this.statusButtons, ...this.stepButtons, this.saveNote]) b.disabled = !writable;
    this.noteInput.disabled = !writable;
  }

  /** Shows the task as the server has it; an older version than the one held is ignored. */
  update(task) {
    if (this.task && task.version < this.task.version) return;
    const t = this.text;
    const previous = this.task;
    this.task = task;
    const el = this.element;
    el.dataset.status = task.status;
    el.dataset.track = task.track;
    setText(this.track, t[task.track] ?? task.track);
    el.dataset.version = String(task.version);
    el.classList.toggle('is-overdue', !!task.overdue);
    el.classList.toggle('is-stale', !!task.stale);
    setText(this.title, task.title);
    this.overdue.hidden = !task.overdue;
    this.stale.hidden = !task.stale;
    setText(this.due, `${t.due} ${task.due}`);
    this.expectation.hidden = task.expectation !== 'atDue';
    setText(this.status, t.status[task.status] ?? task.status);
    setText(this.progressValue, `${task.progress}%`);
    const tags = task.tags ?? [];
    if (this.tags.dataset.tags !== JSON.stringify(tags)) {
      this.tags.dataset.tags = JSON.stringify(tags);
      this.tags.replaceChildren(...tags.map((tag) => Object.assign(document.createElement('span'), { className: 'tag', textContent: tag })));
    }
    this.tags.hidden = tags.length === 0;
    // A copy of a directive, or a schedule's instance (例行 · 2026年12月): who handed it down; its
    // title, track, weight and dates are theirs.
    el.classList.toggle('is-copy', !!(task.directiveId || task.scheduleId));
    el.classList.toggle('is-instance', !!task.scheduleId);
    setText(this.origin, task.scheduleId ? t.recurring(t.periodLabel(task.period))
      : task.directiveId ? t.handedDownFrom(this.unitName(task.issuerUnitId)) : '');
    this.origin.title = task.scheduleId && task.issuerUnitId ? t.recurringFrom(this.unitName(task.issuerUnitId)) : '';
    this.origin.hidden = !(task.directiveId || task.scheduleId);
    this.lockedChip.hidden = !task.locked;
    el.classList.toggle('is-locked', !!task.locked);
    if (!!previous?.locked !== !!task.locked) this.setWritable(this.writable);
    this.fill.style.width = `${Math.min(Math.max(task.progress, 0), 100)}%`;
    setText(this.noteText, task.note ?? '');
    this.noteText.hidden = !task.note;
    for (const b of this.statusButtons) b.setAttribute('aria-pressed', String(b.dataset.status === task.status));
    for (const b of this.stepButtons) b.setAttribute('aria-pressed', String(b.dataset.progress === String(task.progress)));
    // A draft being typed stays; otherwise the field shows the note as it is now.
    if (!this.noteDirty()) {
      this.noteInput.value = task.note ?? '';
      this.noteBase = task.note ?? '';
    }
    this.showDirty();
    const who = personName(t, task.updatedByName, task.updatedBy);
    setText(this.updated, who ? t.updatedBy(who, this.formatTime(task.updatedAt)) : '');
    if (previous && previous.version !== task.version) {
      el.classList.remove('flash');
      void el.offsetWidth; // restart the animation
      el.classList.add('flash');
    }
  }

  noteDirty() {
    return this.noteBase != null && this.noteInput.value !== this.noteBase;
  }

  showDirty() {
    this.saveNote.classList.toggle('dirty', this.noteDirty());
  }

  setStatus(status) {
    // A done task reopened needs its real progress (domain rule 6): the steps reopen it.
    if (this.task.status === 'done' && (status === 'inProgress' || status === 'blocked')) {
      this.say(this.text.reopenNeedsProgress, 'info');
      return;
    }
    this.write({ status });
  }

  writeNote() {
    if (!this.noteDirty()) return;
    const draft = this.noteInput.value;
    this.write({ note: draft }, draft);
  }

  /** Queues one write; it is sent with the version held when its turn comes. Answers its outcome. */
  write(patch, noteDraft, fromForm = false) {
    this.queue = this.queue.then(() => this.send(patch, noteDraft, fromForm));
    return this.queue;
  }

  async send(patch, noteDraft, fromForm) {
    const t = this.text;
    // The note changed on the server after the person began this draft: that is a concurrent edit too.
    if (noteDraft !== undefined && this.task.note !== this.noteBase) {
      this.noteBase = this.task.note;
      this.showDirty();
      this.say(t.conflict(this.describe(this.task)), 'conflict');
      return { kind: 'conflict', task: this.task };
    }
    this.say(t.saving, 'info');
    const outcome = await patchTask(this.unitId, this.task.id, this.task.version, patch);
    switch (outcome.kind) {
      case 'saved':
        if (noteDraft !== undefined) this.noteBase = outcome.task.note;
        this.update(outcome.task);
        this.say(t.saved, 'ok');
        break;
      case 'conflict':
        if (outcome.task) {
          if (noteDraft !== undefined) this.noteBase = outcome.task.note; // the draft stays; saving it again is a choice made seeing the new note
          this.update(outcome.task);
          this.say(t.conflict(this.describe(outcome.task)), 'conflict');
        } else this.say(t.gone, 'error');
        break;
      case 'forbidden':
        this.say(t.forbidden, 'error');
        this.onForbidden?.();
        break;
      case 'gone':
        this.say(t.gone, 'error');
        break;
      case 'invalid':
        this.say(fromForm ? t.fixFields : t.invalid(outcome.detail), 'error');
        break;
      case 'refused': // 409: the API says why (e.g. a field a directive sets)
        this.say(t.invalid(outcome.detail), 'error');
        break;
      default:
        this.say(t.failed, 'error');
    }
    // The edit form says a refusal or a conflict beside its fields; the row does not say it twice.
    if (fromForm && (outcome.kind === 'invalid' || outcome.kind === 'conflict')) this.message.hidden = true;
    return outcome;
  }

  describe(task) {
    return this.text.conflictValue(task.progress, this.text.status[task.status] ?? task.status, task.note);
  }

  say(words, kind) {
    this.message.hidden = false;
    this.message.className = `message ${kind}`;
    this.message.dataset.kind = kind;
    this.message.textContent = words;
  }
}
