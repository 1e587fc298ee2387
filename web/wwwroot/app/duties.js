// A branch's duties of this period at the top of its tasks (本月：支部委员会 ✓ · 党小组会 … ·
// 主题党日 ✓): the instances of schedules whose period holds today, one line per kind of
// period, each a button that brings its task's row up to report it. Shown only when there are any.

import { make } from './dom.js';
import { CADENCES, comparePeriods, holds, parsePeriod } from './periods.js';

const MARKS = { done: '✓', overdue: '✗', open: '…' };

/** done, overdue or open: how a duty stands. */
export function dutyState(task) {
  if (task.status === 'done') return 'done';
  return task.overdue ? 'overdue' : 'open';
}

/** The instances of the periods holding `today`, one per schedule (its latest), by kind of period. */
export function dutiesOf(tasks, today) {
  const latest = new Map();
  for (const task of tasks ?? []) {
    if (!task?.scheduleId || !task.period || !holds(task.period, today)) continue;
    const held = latest.get(task.scheduleId);
    if (!held || comparePeriods(held.period, task.period) < 0) latest.set(task.scheduleId, task);
  }
  const groups = new Map();
  for (const task of latest.values()) {
    const kind = parsePeriod(task.period).kind;
    if (!groups.has(kind)) groups.set(kind, []);
    groups.get(kind).push(task);
  }
  return CADENCES.filter((kind) => groups.has(kind)).map((kind) => ({
    kind,
    tasks: groups.get(kind).sort((a, b) => String(a.due).localeCompare(String(b.due)) || String(a.title).localeCompare(String(b.title), 'zh-CN') || (a.id < b.id ? -1 : 1)),
  }));
}

export class DutiesLine {
  /** hooks: { today() 'YYYY-MM-DD', reveal(taskId) } */
  constructor(text, hooks) {
    this.text = text;
    this.hooks = hooks;
    this.element = make('section', 'duties');
    this.element.setAttribute('aria-label', text.dutiesLabel);
    this.element.hidden = true;
    this.key = '';
  }

  render(tasks) {
    const groups = dutiesOf(tasks, this.hooks.today());
    const key = JSON.stringify(groups.map((g) => [g.kind, g.tasks.map((t) => [t.id, t.title, dutyState(t)])]));
    this.element.hidden = groups.length === 0;
    if (key === this.key) return; // nothing moved: the buttons (and the focus) stay
    this.key = key;
    const t = this.text;
    const colon = t.lang === 'en' ? ': ' : '：';
    this.element.replaceChildren(...groups.map((group) => {
      const line = make('p', 'duty-line');
      line.dataset.kind = group.kind;
      make('span', 'duty-period', line).textContent = `${t.thisPeriod[group.kind]}${colon}`;
      group.tasks.forEach((task, i) => {
        if (i > 0) make('span', 'duty-sep', line).textContent = ' · ';
        const state = dutyState(task);
        const item = make('button', `duty duty-${state}`, line);
        item.type = 'button';
        item.dataset.task = task.id;
        item.dataset.state = state;
        make('span', 'duty-title', item).textContent = task.title;
        const mark = make('span', 'duty-mark', item);
        mark.textContent = MARKS[state];
        mark.setAttribute('aria-hidden', 'true');
        item.setAttribute('aria-label', `${task.title}${colon}${t.dutyStates[state]}`);
        item.title = `${t.periodLabel(task.period)} · ${t.due} ${task.due} · ${t.dutyStates[state]}`;
        item.addEventListener('click', () => this.hooks.reveal(task.id));
      });
      return line;
    }));
  }
}
