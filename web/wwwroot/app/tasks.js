// The shown unit's own tasks, grouped by track (党建 first, then 业务), due date first within
// each. Rows are kept by task id and updated in place, so a refresh never takes away a draft
// note or the row a person is tapping.

import { make, setText } from './dom.js';
import { TaskRow } from './task-row.js';

export const TRACKS = ['party', 'business'];

function byDue(a, b) {
  return String(a.due).localeCompare(String(b.due)) || String(a.title).localeCompare(String(b.title), 'zh-CN') || (a.id < b.id ? -1 : 1);
}

export class TaskList {
  constructor(text, unitId, formatTime) {
    this.text = text;
    this.unitId = unitId;
    this.formatTime = formatTime;
    this.rows = new Map();
    this.writable = false;
    this.onForbidden = null;
    const root = document.getElementById('tracks');
    root.replaceChildren();
    this.groups = new Map(TRACKS.map((track) => {
      const section = make('section', `track-group ${track}`, root);
      section.dataset.track = track;
      const heading = make('h2', 'track-heading', section);
      make('span', 'track-name', heading).textContent = text[track];
      const count = make('span', 'track-count', heading);
      const list = make('ol', 'task-list', section);
      const empty = make('p', 'empty-note', section);
      empty.textContent = text.noTasksHere;
      return [track, { section, count, list, empty }];
    }));
  }

  setWritable(writable) {
    this.writable = writable;
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
        row = new TaskRow(this.text, this.unitId, task, this.formatTime);
        row.onForbidden = () => this.onForbidden?.();
        row.setWritable(this.writable);
        this.rows.set(task.id, row);
      }
    }
    for (const [id, row] of this.rows) {
      if (seen.has(id)) continue;
      row.element.remove();
      this.rows.delete(id);
    }
    for (const [track, group] of this.groups) {
      const rows = [...this.rows.values()].filter((row) => row.task.track === track).sort((a, b) => byDue(a.task, b.task));
      // Only move rows when the order changed: moving a row would take the focus out of its note.
      const current = [...group.list.children];
      if (current.length !== rows.length || rows.some((row, i) => current[i] !== row.element)) {
        for (const row of rows) group.list.appendChild(row.element);
      }
      setText(group.count, `${rows.length} ${this.text.tasks}`);
      group.empty.hidden = rows.length > 0;
    }
  }
}
