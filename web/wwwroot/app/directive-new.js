// Issuing a directive (下发交办) from the shown unit: the task form's fields (title, track,
// weight, start, due, tags, and the note as the instruction) and to whom: every unit below, the
// branches below, or units picked from the tree. POSTs to /api/v1/directives; the API's rules
// appear beside the fields it refused, the targets' beside the targets.

import { make } from './dom.js';
import { createDirective } from './api.js';
import { explainRule } from './task-form-i18n.js';
import { TaskForm } from './task-form.js';

const MODES = ['all', 'branches', 'pick'];
let nextId = 0;

export class NewDirectivePanel {
  /** below: the units under the issuer ({id, name, kind, depth}); hooks: { opener, issued(directive, words), forbidden() } */
  constructor(text, unitId, below, hooks) {
    this.text = text;
    this.unitId = unitId;
    this.below = below;
    this.hooks = hooks;
    const id = `nd${++nextId}`;
    this.element = make('section', 'new-directive-panel');
    this.element.hidden = true;
    this.element.setAttribute('aria-label', text.newDirective);
    make('h3', 'panel-heading', this.element).textContent = text.newDirective;
    this.form = new TaskForm(text, { submitLabel: text.issue, onSubmit: (values) => this.save(values), onCancel: () => this.close() });
    this.element.appendChild(this.form.element);
    // To whom: a group of radio buttons, and the tree's units to pick from.
    const targets = make('fieldset', 'field field-targets');
    targets.dataset.field = 'targets';
    make('legend', 'field-label', targets).textContent = text.targets;
    const modes = make('div', 'target-modes', targets);
    this.modes = MODES.map((mode) => {
      const label = make('label', 'target-mode', modes);
      const radio = make('input', '', label);
      radio.type = 'radio';
      radio.name = `${id}-mode`;
      radio.value = mode;
      radio.checked = mode === 'all';
      radio.addEventListener('change', () => this.showPicker());
      label.append(text.targetModes[mode]);
      return radio;
    });
    this.picker = make('div', 'target-picker', targets);
    this.picker.setAttribute('role', 'group');
    this.picker.setAttribute('aria-label', text.pickTargets);
    this.picks = below.map((unit) => {
      const label = make('label', 'target-unit', this.picker);
      label.style.paddingLeft = `${unit.depth * 1.2}rem`;
      const box = make('input', '', label);
      box.type = 'checkbox';
      box.value = unit.id;
      label.append(unit.name ?? unit.id);
      return box;
    });
    this.targetError = make('p', 'field-error', targets);
    this.targetError.id = `${id}-targets-error`;
    this.targetError.hidden = true;
    this.form.element.insertBefore(targets, this.form.element.querySelector('.form-actions'));
    hooks.opener.setAttribute('aria-expanded', 'false');
    hooks.opener.addEventListener('click', () => (this.element.hidden ? this.show() : this.close()));
    this.showPicker();
  }

  mode() { return this.modes.find((r) => r.checked)?.value ?? 'all'; }

  showPicker() { this.picker.hidden = this.mode() !== 'pick'; }

  show() {
    this.form.fill(null);
    this.form.lockOwned(null);
    this.setTargetError('');
    this.element.hidden = false;
    this.hooks.opener.setAttribute('aria-expanded', 'true');
    this.form.inputs.title.focus();
  }

  close() {
    if (this.element.hidden) return;
    this.element.hidden = true;
    this.hooks.opener.setAttribute('aria-expanded', 'false');
    this.hooks.opener.focus();
  }

  targets() {
    switch (this.mode()) {
      case 'branches': return { under: this.unitId, kinds: ['branch', 'generalBranch'] };
      case 'pick': return { unitIds: this.picks.filter((b) => b.checked).map((b) => b.value) };
      default: return { under: this.unitId };
    }
  }

  setTargetError(words) {
    this.targetError.textContent = words;
    this.targetError.hidden = !words;
    const group = this.targetError.parentElement;
    if (words) group.setAttribute('aria-describedby', this.targetError.id); else group.removeAttribute('aria-describedby');
  }

  async save(values) {
    const t = this.text;
    this.form.busy(true);
    const outcome = await createDirective({ ...values, issuerUnitId: this.unitId, targets: this.targets() });
    this.form.busy(false);
    switch (outcome.kind) {
      case 'saved': {
        const d = outcome.directive;
        this.close();
        this.hooks.issued(d, d.state === 'deploying' ? t.issuedDeploying(d.targetCount) : t.issued(d.targetCount));
        break;
      }
      case 'invalid': {
        const { targets, ...rest } = outcome.errors ?? {};
        this.form.showErrors(rest, t.fixFields);
        const words = (Array.isArray(targets) ? targets : targets ? [targets] : []).map((m) => explainRule({ fieldRules: t.targetRules }, String(m)));
        this.setTargetError([...new Set(words)].join(' '));
        if (words.length > 0 && Object.keys(rest).length === 0) (this.modes.find((r) => r.checked) ?? this.modes[0]).focus();
        break;
      }
      case 'refused':
        this.form.showErrors({}, t.issueRefused(outcome.detail));
        break;
      case 'forbidden':
        this.form.say(t.issueForbidden);
        this.hooks.forbidden();
        break;
      default:
        this.form.say(t.failed);
    }
  }
}
