// The shown unit's own tasks, the work first: open tasks in one list (overdue, then blocked,
// then by due date), done tasks folded at the bottom. Each row says its track. Rows are kept by
// task id and updated in place, so a refresh never takes away a draft note or the row a person
// is tapping.

import { make, setText, button } from './dom.js';
import { TaskRow } from './task-row.js';
import { TaskEdit } from './task-edit.js';
import { NewTaskPanel } from './task-new.js';
import { ImportPanel } from './task-import.js';
import { DutiesLine } from './duties.js';
import { todayIn } from './periods.js';

export const TRACKS = ['party', 'business'];

function byDue(a, b) {
  return String(a.due).localeCompare(String(b.due)) || String(a.title).localeCompare(String(b.title), 'zh-CN') || (a.id < b.id ? -1 : 1);
}

/** What needs doing first: overdue, then blocked, then the nearest due date. */
export function byUrgency(a, b) {
  return (b.overdue ? 1 : 0) - (a.overdue ? 1 : 0)
    || (b.status === 'blocked' ? 1 : 0) - (a.status === 'blocked' ? 1 : 0)
    || byDue(a, b);
}

/** Done tasks: the most recently due first. */
function byDueDescending(a, b) {
  return -byDue(a, b);
}

export class TaskList {
  /** today(): the department's date 'YYYY-MM-DD', for the duties of this period. */
  constructor(text, unitId, formatTime, unitName = (id) => id, today = () => todayIn(null)) {
    this.text = text;
    this.unitId = unitId;
    this.formatTime = formatTime;
    this.unitName = unitName;
    this.rows = new Map();
    this.writable = false;
    this.onForbidden = null;
    this.onChanged = null;
    const root = document.getElementById('tracks');
    root.replaceChildren();
    // 本月：支部委员会 ✓ · 党小组会 …: this period's duties first, each leading to its row.
    this.duties = new DutiesLine(text, { today, reveal: (id) => this.reveal(id) });
    root.appendChild(this.duties.element);
    const open = make('section', 'task-group open-tasks', root);
    open.dataset.group = 'open';
    const heading = make('h2', 'track-heading', open);
    make('span', 'track-name', heading).textContent = text.openTasks;
    this.openCount = make('span', 'track-count', heading);
    this.newButton = button(heading, 'new-task', text.newTask);
    this.newButton.hidden = true;
    this.creator = new NewTaskPanel(text, unitId, {
      opener: this.newButton,
      created: (task) => { this.render([...[...this.rows.values()].map((row) => row.task), task]); this.onChanged?.(); },
      forbidden: () => this.onForbidden?.(),
    });
    open.appendChild(this.creator.element);
    this.openList = make('ol', 'task-list', open);
    this.empty = make('p', 'empty-note', open);
    this.doneGroup = make('details', 'task-group done-tasks', root);
    this.doneGroup.dataset.group = 'done';
    const summary = make('summary', 'track-heading', this.doneGroup);
    make('span', 'track-name', summary).textContent = text.doneTasks;
    this.doneCount = make('span', 'track-count', summary);
    this.doneList = make('ol', 'task-list', this.doneGroup);
    // The unit's and its subtree's tasks as a workbook (the import template's columns, docs/api.md "Excel"),
    // the empty template, and the import (for those who may write: the server checks every row's unit).
    const excel = make('p', 'task-export-row', root);
    const exportLink = make('a', 'task-export', excel);
    exportLink.href = `/api/v1/units/${encodeURIComponent(unitId)}/tasks.xlsx?subtree=true`;
    exportLink.setAttribute('download', '');
    exportLink.textContent = text.exportTasks;
    const template = make('a', 'task-template', excel);
    template.href = '/api/v1/import/template.xlsx';
    template.setAttribute('download', '');
    template.textContent = text.downloadTemplate;
    this.importButton = button(excel, 'task-import', text.importTasks);
    this.importButton.hidden = true;
    this.importer = new ImportPanel(text, { opener: this.importButton, done: () => this.onChanged?.() });
    root.appendChild(this.importer.element);
  }

  setWritable(writable) {
    this.writable = writable;
    this.newButton.hidden = !writable;
    this.importButton.hidden = !writable;
    if (!writable) { this.creator.close(); this.importer.close(); }
    for (const row of this.rows.values()) row.setWritable(writable);
  }

  /** The unit's tasks as GET /api/v1/units/{id}/tasks answered them. */
  render(tasks) {
    const seen = new Set();
    for (const task of tasks ?? []) {
      if (!task?.id) continue;
      seen.add(task.id);
      let row = this.rows.get(task.id);
      if (row) row.update(task);
      else {
        row = new TaskRow(this.text, this.unitId, task, this.formatTime, this.unitName);
        row.onForbidden = () => this.onForbidden?.();
        row.edit = new TaskEdit(row, { removed: (id) => this.removed(id) });
        row.setWritable(this.writable);
        this.rows.set(task.id, row);
      }
    }
    for (const [id, row] of this.rows) {
      if (seen.has(id)) continue;
      row.element.remove();
      this.rows.delete(id);
    }
    const all = [...this.rows.values()];
    const open = all.filter((row) => row.task.status !== 'done').sort((a, b) => byUrgency(a.task, b.task));
    const done = all.filter((row) => row.task.status === 'done').sort((a, b) => byDueDescending(a.task, b.task));
    place(this.openList, open);
    place(this.doneList, done);
    setText(this.openCount, this.text.taskCount(open.length));
    setText(this.doneCount, this.text.taskCount(done.length));
    this.empty.hidden = open.length > 0;
    setText(this.empty, all.length > 0 ? this.text.allDone : this.text.noTasksHere);
    this.doneGroup.hidden = done.length === 0;
    this.duties.render(all.map((row) => row.task));
  }

  /** A duty chosen on the duties line: its row shown and opened for reporting, the focus on it. */
  reveal(taskId) {
    const row = this.rows.get(taskId);
    if (!row) return;
    if (row.task.status === 'done') this.doneGroup.open = true;
    if (this.writable) row.setOpen(true);
    row.element.scrollIntoView({ block: 'center' });
    const target = this.writable ? row.statusButtons.find((b) => b.dataset.status === 'done') : row.element;
    if (!this.writable) row.element.tabIndex = -1;
    target.focus({ preventScroll: true });
  }

  /** A task deleted from this page: its row goes at once, the figures follow. */
  removed(taskId) {
    const row = this.rows.get(taskId);
    const remaining = [...this.rows.values()].filter((r) => r !== row).map((r) => r.task);
    row?.element.remove();
    this.rows.delete(taskId);
    this.render(remaining);
    this.newButton.focus();
    this.onChanged?.();
  }
}

/** Puts the rows in this order, moving them only when the order changed: a move takes the focus out of a note. */
function place(list, rows) {
  const current = [...list.children];
  if (current.length !== rows.length || rows.some((row, i) => current[i] !== row.element)) {
    for (const row of rows) list.appendChild(row.element);
  }
}
