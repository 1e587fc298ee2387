// 例行工作 on the workbench: the schedules the shown unit set (GET /api/v1/schedules?issuer=), each
// with its cadence and due day, its current period and how many of its targets have held it;
// opened, its targets by the last 12 periods (schedule-grid.js) and, for its editors, editing
// and deleting it. Editors of the unit (and admins) set a new one from here.

import { make, setText, button } from './dom.js';
import { getJson, SignedOut, createSchedule, patchSchedule, deleteSchedule } from './api.js';
import { glyphs } from '../wall/i18n.js';
import { ScheduleForm } from './schedule-form.js';
import { ScheduleGrid } from './schedule-grid.js';

const healthOf = (s) => (['red', 'amber', 'green'].includes(s.rollup?.health) ? s.rollup.health : 'none');

/** Say what a write's outcome was on a form; true when it saved. */
function explain(form, outcome, t, forbidden) {
  switch (outcome.kind) {
    case 'saved': return true;
    case 'invalid': form.showErrors(outcome.errors, t.fixFields); break;
    case 'refused': form.say(t.scheduleRefused(outcome.detail)); break;
    case 'forbidden': form.say(t.scheduleForbidden); forbidden(); break;
    case 'gone': form.say(t.gone); break;
    default: form.say(t.failed);
  }
  return false;
}

export class ScheduleSection {
  /** options: { unitId, below ({id, name, kind, depth}[] under the unit), today(), signedOut() } */
  constructor(text, root, options) {
    this.text = text;
    this.root = root;
    this.options = { ...options, order: new Map(options.below.map((u, i) => [u.id, i])), changed: () => this.refresh(), say: (w) => this.say(w), removed: () => (this.newButton.hidden ? this.list : this.newButton).focus() };
    this.items = new Map();
    this.writable = false;
    this.loaded = [];
    root.replaceChildren();
    root.setAttribute('aria-label', text.schedulesTitle);
    const heading = make('h2', 'track-heading', root);
    make('span', 'track-name', heading).textContent = text.schedulesTitle;
    this.count = make('span', 'track-count', heading);
    this.newButton = button(heading, 'new-schedule', text.newSchedule);
    this.newButton.hidden = true;
    this.newButton.setAttribute('aria-expanded', 'false');
    this.newButton.addEventListener('click', () => (this.panel.hidden ? this.open() : this.close()));
    this.panel = make('section', 'new-schedule-panel', root);
    this.panel.hidden = true;
    this.panel.setAttribute('aria-label', text.newSchedule);
    make('h3', 'panel-heading', this.panel).textContent = text.newSchedule;
    this.form = new ScheduleForm(text, {
      editing: false, below: options.below, issuer: options.unitId, today: options.today,
      submitLabel: text.create, onSubmit: (values) => this.create(values), onCancel: () => this.close(),
    });
    this.panel.appendChild(this.form.element);
    this.message = make('p', 'message ok', root);
    this.message.setAttribute('role', 'status');
    this.message.hidden = true;
    this.list = make('ol', 'schedule-list', root);
    this.list.tabIndex = -1;
    this.empty = make('p', 'empty-note', root);
    this.empty.textContent = text.noSchedules;
    this.reading = null;
    this.readAgain = false;
  }

  setWritable(writable) {
    this.writable = writable && this.options.below.length > 0;
    this.newButton.hidden = !this.writable;
    if (!this.writable) this.close();
    for (const item of this.items.values()) item.setWritable(this.writable);
    this.show();
  }

  /** Shown when the unit has set a schedule, or when the person may set one from it. */
  show() { this.root.hidden = this.loaded.length === 0 && !this.writable; }

  say(words) {
    this.message.textContent = words;
    this.message.hidden = !words;
  }

  open() {
    this.form.fill(null);
    this.panel.hidden = false;
    this.newButton.setAttribute('aria-expanded', 'true');
    this.form.inputs.title.focus();
  }

  close() {
    if (this.panel.hidden) return;
    this.panel.hidden = true;
    this.newButton.setAttribute('aria-expanded', 'false');
    this.newButton.focus();
  }

  async create(values) {
    const t = this.text;
    this.form.busy(true);
    const outcome = await createSchedule({ ...values, issuerUnitId: this.options.unitId });
    this.form.busy(false);
    if (!explain(this.form, outcome, t, () => this.setWritable(false))) return;
    const s = outcome.schedule;
    this.close();
    this.say(s.state === 'deploying' ? t.scheduleDeploying(s.targetCount) : t.scheduleCreated(s.targetCount));
    await this.refresh();
  }

  /** Reads the list again (once more if asked meanwhile); open grids read their current period again. */
  refresh() {
    if (this.reading) { this.readAgain = true; return this.reading; }
    this.reading = (async () => {
      do {
        this.readAgain = false;
        try {
          this.render(await getJson(`/api/v1/schedules?issuer=${encodeURIComponent(this.options.unitId)}`) ?? []);
        } catch (error) {
          if (error instanceof SignedOut) this.options.signedOut();
        }
      } while (this.readAgain);
    })().finally(() => { this.reading = null; });
    return this.reading;
  }

  render(schedules) {
    this.loaded = schedules;
    const seen = new Set();
    for (const s of schedules) {
      seen.add(s.id);
      let item = this.items.get(s.id);
      if (!item) {
        this.items.set(s.id, (item = new ScheduleItem(this.text, s, this.options)));
        item.setWritable(this.writable);
      } else item.update(s);
    }
    for (const [id, item] of this.items) if (!seen.has(id)) { item.element.remove(); this.items.delete(id); }
    const ordered = [...this.items.values()].sort((a, b) => String(a.schedule.title).localeCompare(String(b.schedule.title), 'zh-CN') || (a.schedule.id < b.schedule.id ? -1 : 1));
    const current = [...this.list.children];
    if (current.length !== ordered.length || ordered.some((item, i) => current[i] !== item.element)) {
      for (const item of ordered) this.list.appendChild(item.element);
    }
    setText(this.count, this.text.scheduleCount(schedules.length));
    this.empty.hidden = schedules.length > 0;
    for (const item of ordered) if (item.open) item.grid.load(item.schedule, false);
    this.show();
  }
}

/** One schedule: its rule and current period on the summary line; opened, its grid, editing and deleting. */
class ScheduleItem {
  constructor(text, schedule, options) {
    const t = text;
    this.text = text;
    this.options = options;
    this.element = make('li', 'schedule h-none');
    this.element.dataset.schedule = schedule.id;
    this.details = make('details', 'schedule-details', this.element);
    const summary = make('summary', 'schedule-summary', this.details);
    this.glyph = make('span', 'glyph', summary);
    const body = make('span', 'schedule-body', summary);
    this.title = make('span', 'schedule-title', body);
    const figures = make('span', 'schedule-figures', body);
    this.cadence = make('span', 'schedule-cadence', figures);
    this.period = make('span', 'schedule-period', figures);
    this.held = make('span', 'schedule-held', figures);
    this.overdue = make('span', 'flag overdue schedule-overdue', figures);
    this.until = make('span', 'schedule-until', figures);
    this.note = make('p', 'note-text schedule-note', this.details);
    this.actions = make('div', 'schedule-actions', this.details);
    this.editButton = button(this.actions, 'edit-schedule', t.editSchedule);
    this.editButton.setAttribute('aria-expanded', 'false');
    this.deleteButton = button(this.actions, 'danger delete-schedule', t.deleteSchedule);
    this.form = new ScheduleForm(t, {
      editing: true, below: [], issuer: schedule.issuerUnitId, today: options.today,
      submitLabel: t.save, onSubmit: (values) => this.save(values), onCancel: () => this.closeEdit(),
    });
    this.form.element.hidden = true;
    this.details.appendChild(this.form.element);
    this.confirm = make('div', 'confirm-delete', this.details);
    this.confirm.setAttribute('role', 'alertdialog');
    this.confirm.hidden = true;
    this.confirmText = make('p', 'confirm-text', this.confirm);
    this.confirmText.id = `confirm-${schedule.id}`;
    this.confirm.setAttribute('aria-describedby', this.confirmText.id);
    const row = make('div', 'form-actions', this.confirm);
    this.confirmYes = button(row, 'danger confirm-yes', t.confirmDeleteYes);
    const no = button(row, 'confirm-no', t.cancel);
    this.editButton.addEventListener('click', () => (this.form.element.hidden ? this.openEdit() : this.closeEdit()));
    this.deleteButton.addEventListener('click', () => {
      this.confirmText.textContent = t.confirmDeleteSchedule(this.schedule.title);
      this.confirm.hidden = false;
      no.focus();
    });
    no.addEventListener('click', () => { this.confirm.hidden = true; this.deleteButton.focus(); });
    this.confirmYes.addEventListener('click', () => this.remove());
    this.grid = new ScheduleGrid(t, options);
    this.details.appendChild(this.grid.element);
    this.details.addEventListener('toggle', () => { if (this.details.open) this.grid.load(this.schedule, true); });
    this.update(schedule);
  }

  get open() { return this.details.open; }

  setWritable(writable) {
    this.actions.hidden = !writable;
    if (!writable) { this.closeEdit(); this.confirm.hidden = true; }
  }

  update(s) {
    const t = this.text;
    this.schedule = s;
    const r = s.rollup ?? {};
    const health = healthOf(s);
    this.element.className = `schedule h-${health}`;
    setText(this.glyph, glyphs[health]);
    this.glyph.title = t.health[health];
    setText(this.title, s.title);
    setText(this.cadence, `${t.every[s.every] ?? s.every} · ${t.dueWhen(s.every, s.dueDay)}`);
    setText(this.period, s.period ? t.currentPeriod(t.periodLabel(s.period)) : t.notYet);
    setText(this.held, t.heldOf(r.doneUnits ?? 0, r.targets ?? s.targetCount ?? 0));
    this.held.hidden = !s.period;
    setText(this.overdue, t.overdueUnits(r.overdueUnits ?? 0));
    this.overdue.hidden = !(r.overdueUnits > 0);
    setText(this.until, s.until ? t.until(t.periodLabel(s.until)) : '');
    this.until.hidden = !s.until;
    setText(this.note, s.note ?? '');
    this.note.hidden = !s.note;
  }

  openEdit() {
    this.form.fill(this.schedule);
    this.form.element.hidden = false;
    this.editButton.setAttribute('aria-expanded', 'true');
    this.form.inputs.title.focus();
  }

  closeEdit() {
    if (this.form.element.hidden) return;
    this.form.element.hidden = true;
    this.editButton.setAttribute('aria-expanded', 'false');
    this.editButton.focus();
  }

  async save(values) {
    const t = this.text;
    const patch = this.form.changes(values);
    if (Object.keys(patch).length === 0) { this.closeEdit(); return; }
    this.form.busy(true);
    const outcome = await patchSchedule(this.schedule.id, this.schedule.version, patch);
    this.form.busy(false);
    if (outcome.kind === 'conflict') {
      const now = await getJson(`/api/v1/schedules/${encodeURIComponent(this.schedule.id)}`).catch(() => null);
      if (now) { this.update(now); this.form.base = now; }
      this.form.say(t.scheduleConflict);
      return;
    }
    if (!explain(this.form, outcome, t, () => this.setWritable(false))) return;
    this.update(outcome.schedule);
    this.closeEdit();
    this.options.say(t.scheduleSaved);
    this.options.changed();
  }

  async remove() {
    const t = this.text;
    this.confirmYes.disabled = true;
    const outcome = await deleteSchedule(this.schedule.id);
    this.confirmYes.disabled = false;
    if (outcome.kind === 'deleted' || outcome.kind === 'gone') {
      this.options.say(t.scheduleDeleted(this.schedule.title));
      this.options.removed();
      this.options.changed();
      return;
    }
    this.confirm.hidden = true;
    this.options.say(outcome.kind === 'forbidden' ? t.scheduleForbidden : outcome.kind === 'refused' ? t.scheduleRefused(outcome.detail) : t.failed);
  }
}
