// Creating a task in the shown unit: a form that opens under the open tasks' heading, POSTs
// to the public API and shows the API's rules beside the fields it refused.

import { make } from './dom.js';
import { createTask } from './api.js';
import { TaskForm } from './task-form.js';

export class NewTaskPanel {
  /** hooks: { opener: the button that opens it, created(task), forbidden() } */
  constructor(text, unitId, hooks) {
    this.text = text;
    this.unitId = unitId;
    this.hooks = hooks;
    this.element = make('section', 'new-task-panel');
    this.element.hidden = true;
    this.element.setAttribute('aria-label', text.newTask);
    const heading = make('h3', 'panel-heading', this.element);
    heading.textContent = text.newTask;
    this.form = new TaskForm(text, { submitLabel: text.create, onSubmit: (values) => this.save(values), onCancel: () => this.close() });
    this.element.appendChild(this.form.element);
    this.status = make('p', 'message', this.element);
    this.status.setAttribute('role', 'status');
    this.status.hidden = true;
    hooks.opener.setAttribute('aria-expanded', 'false');
    hooks.opener.addEventListener('click', () => (this.element.hidden ? this.show() : this.close()));
  }

  show() {
    this.form.fill(null);
    this.status.hidden = true;
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

  async save(values) {
    const t = this.text;
    this.form.busy(true);
    const outcome = await createTask(this.unitId, values);
    this.form.busy(false);
    switch (outcome.kind) {
      case 'saved':
        this.close();
        this.hooks.created(outcome.task);
        break;
      case 'invalid':
        this.form.showErrors(outcome.errors, t.fixFields);
        break;
      case 'refused':
        this.form.showErrors({}, t.refused(outcome.detail));
        break;
      case 'forbidden':
        this.form.say(t.forbidden);
        this.hooks.forbidden();
        break;
      default:
        this.form.say(t.failed);
    }
  }
}
