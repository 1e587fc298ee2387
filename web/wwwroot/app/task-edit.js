// Editing one task in place (every field) and deleting it, for people who may write the unit.
// Edits go through the row's queue with If-Match of the version the page holds, like a report:
// a 412 shows what the task is now and changes nothing. Field errors appear beside the field.

import { button } from './dom.js';
import { deleteTask } from './api.js';
import { TaskForm } from './task-form.js';

export class TaskEdit {
  /** row: a TaskRow; hooks: { removed(taskId) } */
  constructor(row, hooks) {
    this.row = row;
    this.hooks = hooks;
    const t = row.text;
    this.open = false;
    this.toggle = button(row.actions, 'edit-toggle', t.edit);
    this.toggle.setAttribute('aria-expanded', 'false');
    this.toggle.addEventListener('click', () => (this.open ? this.close() : this.show()));
    this.form = null; // made when first opened: a unit may hold 2,000 rows
  }

  makeForm() {
    const t = this.row.text;
    this.form = new TaskForm(t, {
      submitLabel: t.save,
      onSubmit: (values) => this.save(values),
      onCancel: () => this.close(),
      onDelete: () => this.remove(),
    });
    this.row.element.insertBefore(this.form.element, this.row.message);
  }

  setWritable(writable) {
    this.toggle.hidden = !writable;
    if (!writable) this.close();
  }

  show() {
    if (!this.form) this.makeForm();
    this.open = true;
    const task = this.row.task;
    this.form.fill(task);
    // A directive's copy or a schedule's instance, while its owner still sets it (copy: false once let go).
    const owned = !!(task.directiveId || task.scheduleId) && task.copy !== false;
    const issuer = owned ? this.row.unitName(task.issuerUnitId) : null;
    this.form.lockOwned(issuer, owned && task.scheduleId ? this.row.text.scheduleOwnedNote(issuer) : undefined);
    this.form.element.hidden = false;
    this.form.confirm.hidden = true;
    this.toggle.setAttribute('aria-expanded', 'true');
    this.toggle.textContent = this.row.text.close;
    (owned ? this.form.inputs.tags : this.form.inputs.title).focus();
  }

  close() {
    if (!this.open) return;
    this.open = false;
    this.form.element.hidden = true;
    this.toggle.setAttribute('aria-expanded', 'false');
    this.toggle.textContent = this.row.text.edit;
    this.toggle.focus();
  }

  async save(values) {
    const t = this.row.text;
    const patch = this.form.changes(values);
    if (Object.keys(patch).length === 0) {
      this.row.say(t.noChanges, 'info');
      this.close();
      return;
    }
    this.form.busy(true);
    const outcome = await this.row.write(patch, undefined, true);
    this.form.busy(false);
    switch (outcome?.kind) {
      case 'saved':
        this.close();
        break;
      case 'invalid':
        this.form.showErrors(outcome.errors, t.fixFields);
        break;
      case 'conflict':
        // The draft stays; the form now compares with the task as it is, and says what it is.
        if (outcome.task) {
          this.form.base = outcome.task;
          this.form.say(t.conflictEdit(outcome.task));
        } else this.form.say(t.gone);
        break;
      default:
        this.form.say(this.row.message.textContent);
    }
  }

  async remove() {
    const t = this.row.text;
    const row = this.row;
    this.form.busy(true);
    const outcome = await (row.queue = row.queue.then(() => deleteTask(row.unitId, row.task.id, row.task.version)));
    this.form.busy(false);
    switch (outcome.kind) {
      case 'deleted':
      case 'gone':
        this.hooks.removed(row.task.id);
        break;
      case 'conflict':
        this.form.confirm.hidden = true;
        if (outcome.task) {
          row.update(outcome.task);
          this.form.base = outcome.task;
        }
        this.form.say(t.conflictDelete);
        row.say(t.conflictDelete, 'conflict');
        break;
      case 'forbidden':
        this.form.say(t.forbidden);
        row.onForbidden?.();
        break;
      case 'refused': // 409: a copy of a directive goes only with its directive
        this.form.say(outcome.detail || t.failed);
        break;
      default:
        this.form.say(t.failed);
    }
  }
}
