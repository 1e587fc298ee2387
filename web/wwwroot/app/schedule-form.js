// The form of a schedule (例行工作): to create one (title, track, weight, cadence, due day, first
// and last period, tags, note, and to whom: the branches below or chosen units) or to edit one
// (title, track, weight, due day, last period, note: what PATCH may change). The API's rules
// appear beside the fields it refused; the page sends what was chosen and the API decides.

import { make, button } from './dom.js';
import { explainRule } from './task-form-i18n.js';
import { splitTags } from './task-form.js';
import { CADENCES, periodOf, shiftPeriod } from './periods.js';

const FIELDS = ['title', 'track', 'weight', 'every', 'dueDay', 'from', 'until', 'tags', 'note'];
/** What PATCH /schedules/{id} may change. */
const EDITABLE = ['title', 'track', 'weight', 'dueDay', 'until', 'note'];
let nextId = 0;

function option(select, value, label) {
  const o = make('option', '', select);
  o.value = value;
  o.textContent = label;
  return o;
}

export class ScheduleForm {
  /** options: { editing, below ({id, name, kind, depth}[]), today(), submitLabel, onSubmit(values), onCancel() } */
  constructor(text, options) {
    this.text = text;
    this.options = options;
    const t = text;
    const id = `sf${++nextId}`;
    this.element = make('form', 'task-form schedule-form');
    this.element.noValidate = true;
    this.general = make('p', 'form-error general', this.element);
    this.general.setAttribute('role', 'alert');
    this.general.hidden = true;
    const grid = make('div', 'form-grid', this.element);
    this.inputs = {};
    this.errors = {};
    for (const name of FIELDS) {
      if (options.editing && name === 'tags') continue;
      const field = make('div', `field field-${name}`, grid);
      field.dataset.field = name;
      const label = make('label', 'field-label', field);
      label.textContent = t.scheduleField[name];
      label.htmlFor = `${id}-${name}`;
      const input = this.makeInput(name, field);
      input.id = `${id}-${name}`;
      input.name = name;
      if (options.editing && !EDITABLE.includes(name)) { input.disabled = true; field.classList.add('owned'); }
      const hint = { dueDay: t.dueDayHint, weight: t.weightHint, tags: t.tagsHint }[name];
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
    this.inputs.every.addEventListener('change', () => this.fillPeriods(null, null));
    this.inputs.from.addEventListener('change', () => this.fillUntil(this.inputs.until.value || null));
    if (!options.editing) this.makeTargets(grid, id);
    const actions = make('div', 'form-actions', this.element);
    this.submit = make('button', 'primary submit', actions);
    this.submit.type = 'submit';
    this.submit.textContent = options.submitLabel;
    button(actions, 'cancel', t.cancel).addEventListener('click', () => options.onCancel());
    this.element.addEventListener('keydown', (event) => { if (event.key === 'Escape') { event.preventDefault(); options.onCancel(); } });
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!this.submit.disabled) options.onSubmit(this.values());
    });
  }

  makeInput(name, field) {
    const t = this.text;
    if (name === 'note') {
      const area = make('textarea', 'input', field);
      area.rows = 2;
      area.maxLength = 2000;
      return area;
    }
    if (!['track', 'every', 'dueDay', 'from', 'until'].includes(name)) {
      const input = make('input', 'input', field);
      input.type = 'text';
      if (name === 'weight') input.inputMode = 'decimal';
      if (name === 'title') input.maxLength = 200;
      return input;
    }
    const select = make('select', 'input', field);
    if (name === 'track') for (const track of ['party', 'business']) option(select, track, t[track]);
    if (name === 'every') for (const every of CADENCES) option(select, every, t.every[every]);
    if (name === 'dueDay') {
      option(select, 'last', t.dueDayLast);
      for (let d = 1; d <= 31; d++) option(select, String(d), t.dueDayDay(d));
    }
    return select;
  }

  makeTargets(grid, id) {
    const t = this.text;
    const targets = make('fieldset', 'field field-targets', grid);
    targets.dataset.field = 'targets';
    make('legend', 'field-label', targets).textContent = t.scheduleTargets;
    const modes = make('div', 'target-modes', targets);
    this.modes = ['branches', 'pick'].map((mode) => {
      const label = make('label', 'target-mode', modes);
      const radio = make('input', '', label);
      radio.type = 'radio';
      radio.name = `${id}-mode`;
      radio.value = mode;
      radio.checked = mode === 'branches';
      radio.addEventListener('change', () => { this.picker.hidden = this.mode() !== 'pick'; });
      label.append(t.scheduleTargetModes[mode]);
      return radio;
    });
    this.picker = make('div', 'target-picker', targets);
    this.picker.setAttribute('role', 'group');
    this.picker.setAttribute('aria-label', t.pickTargets);
    this.picker.hidden = true;
    this.picks = this.options.below.map((unit) => {
      const label = make('label', 'target-unit', this.picker);
      label.style.paddingLeft = `${unit.depth * 1.2}rem`;
      const box = make('input', '', label);
      box.type = 'checkbox';
      box.value = unit.id;
      label.append(unit.name ?? unit.id);
      return box;
    });
    this.inputs.targets = this.modes[0];
    this.errors.targets = make('p', 'field-error', targets);
    this.errors.targets.id = `${id}-targets-error`;
    this.errors.targets.hidden = true;
  }

  mode() { return this.modes?.find((r) => r.checked)?.value ?? 'branches'; }

  /** from: this period and the next 11 of the cadence; until: none or from and the 23 after it. */
  fillPeriods(from, until) {
    const every = this.inputs.every.value;
    const current = periodOf(every, this.options.today());
    const select = this.inputs.from;
    select.replaceChildren();
    const first = from && from < current ? from : current;
    for (let i = 0; i < 12; i++) option(select, shiftPeriod(first, i), this.text.periodLabel(shiftPeriod(first, i)));
    if (from && ![...select.options].some((o) => o.value === from)) option(select, from, this.text.periodLabel(from));
    select.value = from ?? current;
    this.fillUntil(until);
  }

  fillUntil(until) {
    const select = this.inputs.until;
    const earliest = this.options.editing ? (this.current ?? this.inputs.from.value) : this.inputs.from.value;
    select.replaceChildren();
    option(select, '', this.text.untilNone);
    for (let i = 0; i < 24; i++) option(select, shiftPeriod(earliest, i), this.text.periodLabel(shiftPeriod(earliest, i)));
    if (until && ![...select.options].some((o) => o.value === until)) option(select, until, this.text.periodLabel(until));
    select.value = until ?? '';
  }

  /** A schedule's values (or a new one's defaults: this period, the last day, the branches below). */
  fill(schedule) {
    this.base = schedule;
    this.current = schedule?.period ?? null;
    const v = this.inputs;
    v.title.value = schedule?.title ?? '';
    v.track.value = schedule?.track ?? 'party';
    v.weight.value = schedule ? String(schedule.weight) : '';
    v.every.value = schedule?.every ?? 'month';
    v.dueDay.value = String(schedule?.dueDay ?? 'last');
    if (v.tags) v.tags.value = (schedule?.tags ?? []).join('，');
    v.note.value = schedule?.note ?? '';
    this.fillPeriods(schedule?.from ?? null, schedule?.until ?? null);
    if (this.modes) { this.modes[0].checked = true; this.picker.hidden = true; for (const box of this.picks) box.checked = false; }
    this.clearErrors();
  }

  values() {
    const v = (name) => this.inputs[name]?.value ?? '';
    const weightText = v('weight').trim();
    const body = {
      title: v('title'), track: v('track'), every: v('every'), from: v('from'), until: v('until') || undefined,
      dueDay: v('dueDay') === 'last' ? 'last' : Number(v('dueDay')), note: v('note'),
    };
    if (weightText !== '') body.weight = Number.isFinite(Number(weightText)) ? Number(weightText) : weightText;
    if (this.inputs.tags) body.tags = splitTags(v('tags'));
    if (this.modes) {
      body.targets = this.mode() === 'pick'
        ? { unitIds: this.picks.filter((b) => b.checked).map((b) => b.value) }
        : { under: this.options.issuer, kinds: ['branch'] };
    }
    return body;
  }

  /** What differs from the schedule shown, of what PATCH may change: a merge patch. */
  changes(values) {
    const base = this.base ?? {};
    const patch = {};
    for (const name of EDITABLE) {
      const was = name === 'until' ? (base.until ?? undefined) : base[name];
      if (name in values && values[name] !== was) patch[name] = values[name] ?? null; // until cleared: null
    }
    return patch;
  }

  busy(on) { this.submit.disabled = on; }

  clearErrors() {
    this.say('');
    for (const [name, error] of Object.entries(this.errors)) {
      error.hidden = true;
      error.textContent = '';
      this.inputs[name].removeAttribute('aria-invalid');
    }
  }

  /** Problem details `errors` beside their fields, the rest above; the first field gets the focus. */
  showErrors(errors, lead) {
    this.clearErrors();
    const rules = { fieldRules: [...(this.text.scheduleRules ?? []), ...(this.text.targetRules ?? []), ...(this.text.fieldRules ?? [])] };
    const above = lead ? [lead] : [];
    let first = null;
    for (const [key, messages] of Object.entries(errors ?? {})) {
      const words = [...new Set((Array.isArray(messages) ? messages : [messages]).map((m) => explainRule(rules, String(m))))].join(' ');
      const error = this.errors[key];
      if (!error) { above.push(key === '$' ? words : `${this.text.scheduleField[key] ?? key}: ${words}`); continue; }
      error.textContent = words;
      error.hidden = false;
      this.inputs[key].setAttribute('aria-invalid', 'true');
      this.inputs[key].setAttribute('aria-errormessage', error.id);
      first ??= this.inputs[key];
    }
    this.say(above.join(' '));
    (first ?? this.submit).focus();
  }

  say(words) {
    this.general.textContent = words;
    this.general.hidden = !words;
  }
}
