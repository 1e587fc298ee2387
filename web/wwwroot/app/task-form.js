// The form that creates or edits a task: every field a person may set, each with its label and,
// after a refused save, the API's rule beside it (problem details `errors` keys are field
// names; a key that names no field here goes above the form). Values are sent as typed, so
// the API, not this page, decides what is allowed and says so.

import { make, button } from './dom.js';
import { explainRule } from './task-form-i18n.js';

export const FIELDS = ['title', 'track', 'weight', 'start', 'due', 'expectation', 'tags', 'note'];
/** What a directive owns on its copies (docs/domain.md "Directives"): shown, never offered for change. */
export const OWNED = ['title', 'track', 'weight', 'start', 'due', 'expectation'];
const TRACK_VALUES = ['party', 'business'];
/** How expected progress grows (docs/domain.md "Tasks"): linear (按进度, the default) or atDue (到期完成). */
const EXPECTATION_VALUES = ['linear', 'atDue'];
let nextFormId = 0;

/** "四强，效能目标考核、 锐科技·心服务" -> ['四强', '效能目标考核', '锐科技·心服务']. */
export function splitTags(value) {
  return String(value ?? '').split(/[,，、;；\n]/).map((tag) => tag.trim()).filter((tag) => tag.length > 0);
}

export class TaskForm {
  /** options: { submitLabel, onSubmit(values), onCancel(), onDelete?() } */
  constructor(text, options) {
    this.text = text;
    this.options = options;
    const id = `tf${++nextFormId}`;
    const form = make('form', 'task-form');
    form.noValidate = true;
    this.element = form;
    this.general = make('p', 'form-error general', form);
    this.general.setAttribute('role', 'alert');
    this.general.hidden = true;
    this.inputs = {};
    this.errors = {};
    const grid = make('div', 'form-grid', form);
    for (const name of FIELDS) {
      const field = make('div', `field field-${name}`, grid);
      field.dataset.field = name;
      const label = make('label', 'field-label', field);
      label.textContent = text.field[name];
      label.htmlFor = `${id}-${name}`;
      const input = this.makeInput(name, field);
      input.id = `${id}-${name}`;
      input.name = name;
      const hint = { tags: text.tagsHint, weight: text.weightHint, expectation: text.expectationHint }[name];
      if (hint) {
        const small = make('p', 'field-hint', field);
        small.id = `${id}-${name}-hint`;
        small.textContent = hint;
        input.setAttribute('aria-describedby', small.id);
      }
      const error = make('p', 'field-error', field);
      error.id = `${id}-${name}-error`;
      error.hidden = true;
      this.inputs[name] = input;
      this.errors[name] = error;
    }
    const actions = make('div', 'form-actions', form);
    this.submit = make('button', 'primary submit', actions);
    this.submit.type = 'submit';
    this.submit.textContent = options.submitLabel;
    this.cancel = button(actions, 'cancel', text.cancel);
    this.cancel.addEventListener('click', () => options.onCancel?.());
    form.addEventListener('keydown', (event) => { if (event.key === 'Escape') { event.preventDefault(); options.onCancel?.(); } });
    if (options.onDelete) this.makeDelete(actions);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!this.submit.disabled) options.onSubmit(this.values());
    });
  }

  makeInput(name, field) {
    if (name === 'track' || name === 'expectation') {
      const select = make('select', 'input', field);
      for (const value of name === 'track' ? TRACK_VALUES : EXPECTATION_VALUES) {
        const option = make('option', '', select);
        option.value = value;
        option.textContent = name === 'track' ? this.text[value] : this.text.expectations[value];
      }
      return select;
    }
    if (name === 'note') {
      const area = make('textarea', 'input', field);
      area.rows = 2;
      area.maxLength = 2000;
      return area;
    }
    const input = make('input', 'input', field);
    input.type = name === 'start' || name === 'due' ? 'date' : 'text';
    if (name === 'weight') input.inputMode = 'decimal';
    if (name === 'title') input.maxLength = 200;
    return input;
  }

  makeDelete(actions) {
    const t = this.text;
    this.deleteButton = button(actions, 'danger delete', t.deleteTask);
    this.confirm = make('div', 'confirm-delete', this.element);
    this.confirm.setAttribute('role', 'alertdialog');
    this.confirm.hidden = true;
    this.confirmText = make('p', 'confirm-text', this.confirm);
    const row = make('div', 'form-actions', this.confirm);
    this.confirmYes = button(row, 'danger confirm-yes', t.confirmDeleteYes);
    const no = button(row, 'confirm-no', t.cancel);
    this.deleteButton.addEventListener('click', () => {
      this.confirmText.textContent = t.confirmDelete(this.inputs.title.value || this.base?.title || '');
      this.confirm.hidden = false;
      no.focus();
    });
    no.addEventListener('click', () => { this.confirm.hidden = true; this.deleteButton.focus(); });
    this.confirmYes.addEventListener('click', () => this.options.onDelete());
  }

  /** Shows a task's values (or the defaults of a new one). */
  fill(task) {
    this.base = task;
    this.inputs.title.value = task?.title ?? '';
    this.inputs.track.value = task?.track ?? 'party';
    this.inputs.weight.value = task ? String(task.weight) : '';
    this.inputs.start.value = task?.start ?? '';
    this.inputs.due.value = task?.due ?? '';
    this.inputs.expectation.value = task?.expectation ?? 'linear';
    this.inputs.tags.value = (task?.tags ?? []).join('，');
    this.inputs.note.value = task?.note ?? '';
    this.clearErrors();
  }

  /** A copy of a directive (交办 from issuerName) or a schedule's instance: its owned fields read-only, where they come from (note: other words for it), no delete; null: all open. */
  lockOwned(issuerName, note) {
    this.locked = issuerName != null;
    for (const name of OWNED) {
      const input = this.inputs[name];
      if (input.tagName === 'SELECT') input.disabled = this.locked; else input.readOnly = this.locked;
      input.closest('.field').classList.toggle('owned', this.locked);
    }
    if (!this.ownedNote) {
      this.ownedNote = make('p', 'owned-note');
      this.element.insertBefore(this.ownedNote, this.general.nextSibling);
    }
    this.ownedNote.textContent = this.locked ? (note ?? this.text.ownedNote(issuerName)) : '';
    this.ownedNote.hidden = !this.locked;
    if (this.deleteButton) this.deleteButton.hidden = this.locked;
  }

  /** What the form holds, as the API reads it: a weight that is not a number goes as typed, for the API to name. */
  values() {
    const v = (name) => this.inputs[name].value;
    const weightText = v('weight').trim();
    const weight = weightText === '' ? undefined : (Number.isFinite(Number(weightText)) ? Number(weightText) : weightText);
    const body = { title: v('title'), track: v('track'), start: v('start') || undefined, due: v('due') || undefined, expectation: v('expectation'), note: v('note'), tags: splitTags(v('tags')) };
    if (weight !== undefined) body.weight = weight;
    return body;
  }

  /** Only the fields that differ from the task shown: a merge patch. */
  changes(values) {
    const base = { expectation: 'linear', ...this.base };
    const patch = {};
    for (const name of FIELDS) {
      if (!(name in values) || (this.locked && OWNED.includes(name))) continue;
      const same = name === 'tags' ? JSON.stringify(values.tags) === JSON.stringify(base.tags ?? []) : values[name] === base[name];
      if (!same) patch[name] = values[name] ?? null;
    }
    return patch;
  }

  busy(on) {
    this.submit.disabled = on;
    if (this.confirmYes) this.confirmYes.disabled = on;
  }

  clearErrors() {
    this.general.hidden = true;
    this.general.textContent = '';
    for (const name of FIELDS) {
      this.errors[name].hidden = true;
      this.errors[name].textContent = '';
      this.inputs[name].removeAttribute('aria-invalid');
      const hint = this.inputs[name].getAttribute('aria-describedby')?.split(' ').find((x) => x.endsWith('-hint'));
      if (hint) this.inputs[name].setAttribute('aria-describedby', hint); else this.inputs[name].removeAttribute('aria-describedby');
    }
  }

  /** Problem details `errors`: each beside its field, the rest above the form; the first field gets the focus. */
  showErrors(errors, lead) {
    this.clearErrors();
    const above = lead ? [lead] : [];
    let first = null;
    for (const [key, messages] of Object.entries(errors ?? {})) {
      const words = [...new Set((Array.isArray(messages) ? messages : [messages]).map((m) => explainRule(this.text, String(m))))];
      if (FIELDS.includes(key)) {
        const error = this.errors[key];
        error.textContent = words.join(' ');
        error.hidden = false;
        const input = this.inputs[key];
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), error.id].filter(Boolean).join(' '));
        first ??= input;
      } else above.push(key === '$' ? words.join(' ') : `${key}: ${words.join(' ')}`);
    }
    this.say(above.join(' '));
    (first ?? this.submit).focus();
  }

  say(words) {
    this.general.textContent = words;
    this.general.hidden = !words;
  }
}
