// A schedule's targets (rows) by its last 12 periods (columns, oldest left), read from
// GET /api/v1/schedules/{id}/instances?period= for each of them (at most 12 reads at once):
// ✓ done, ✗ not done when its period is over (or late now), … this period's not done yet,
// blank: no instance there.

import { make, setText } from './dom.js';
import { getJson, SignedOut } from './api.js';
import { comparePeriods, lastPeriods } from './periods.js';

export const PERIODS = 12;
const MARKS = { done: '✓', overdue: '✗', open: '…', none: '' };
const PAGE = 1000;

/** How one instance stands in its column: done, overdue or open. */
export function cellState(instance, period, current) {
  if (!instance) return 'none';
  if (instance.status === 'done') return 'done';
  return instance.overdue || comparePeriods(period, current) < 0 ? 'overdue' : 'open';
}

export class ScheduleGrid {
  /** options: { order (unit id -> its place in the tree), signedOut() } */
  constructor(text, options) {
    this.text = text;
    this.options = options;
    this.columns = new Map(); // period -> Map(unitId -> instance)
    this.names = new Map();
    this.generation = 0;
    this.element = make('section', 'schedule-grid');
    this.status = make('p', 'empty-note grid-status', this.element);
    this.status.setAttribute('role', 'status');
    this.scroller = make('div', 'grid-scroller', this.element);
    this.scroller.tabIndex = 0; // a wide grid scrolls by keyboard too
    this.table = make('table', 'grid-table', this.scroller);
    // The current period is the one to read first: the grid keeps its right end in view, also when
    // the screen turns or the table lays out anew (its names wrap differently, a font arrives).
    const keepRight = new ResizeObserver(() => { this.scroller.scrollLeft = this.scroller.scrollWidth; });
    keepRight.observe(this.scroller);
    keepRight.observe(this.table);
    this.legend = make('p', 'grid-legend', this.element);
    for (const words of text.gridLegend) make('span', '', this.legend).textContent = words;
  }

  /** Reads every column anew (all: true) or only the current period's. */
  async load(schedule, all) {
    const generation = ++this.generation;
    this.schedule = schedule;
    const current = schedule.period ?? schedule.from;
    const periods = lastPeriods(current, PERIODS);
    if (all || this.current !== current) {
      this.columns = new Map();
      if (this.table.rows.length === 0) setText(this.status, this.text.gridLoading);
    }
    this.current = current;
    this.periods = periods;
    this.scroller.setAttribute('aria-label', this.text.gridLabel(schedule.title));
    // Every column (earlier periods are read from the units: a demo or a restored schedule may hold some before `from`).
    const wanted = periods.filter((p) => all || !this.columns.has(p) || p === current);
    let read;
    try {
      read = await Promise.all(wanted.map((p) => this.read(schedule.id, p)));
    } catch (error) {
      if (error instanceof SignedOut) { this.options.signedOut(); return; }
      if (generation === this.generation) setText(this.status, this.text.gridFailed);
      return;
    }
    if (generation !== this.generation) return; // a newer read took over
    wanted.forEach((p, i) => this.columns.set(p, read[i]));
    this.render();
  }

  /** One period's instances, every page. */
  async read(id, period) {
    const found = new Map();
    let after = null;
    do {
      const params = new URLSearchParams({ period, limit: String(PAGE) });
      if (after) params.set('after', after);
      const page = await getJson(`/api/v1/schedules/${encodeURIComponent(id)}/instances?${params}`);
      for (const instance of page?.instances ?? []) {
        found.set(instance.unitId, instance);
        this.names.set(instance.unitId, instance.unitName ?? instance.unitId);
      }
      after = page?.next ?? null;
    } while (after);
    return found;
  }

  render() {
    const t = this.text;
    const units = new Set();
    for (const column of this.columns.values()) for (const unitId of column.keys()) units.add(unitId);
    const order = this.options.order;
    const rows = [...units].sort((a, b) => ((order.get(a) ?? Infinity) - (order.get(b) ?? Infinity))
      || String(this.names.get(a)).localeCompare(String(this.names.get(b)), 'zh-CN'));
    const head = make('tr');
    const corner = make('th', 'grid-unit', head);
    corner.scope = 'col';
    corner.textContent = t.gridUnit;
    for (const p of this.periods) {
      const th = make('th', `grid-period${p === this.current ? ' is-current' : ''}`, head);
      th.scope = 'col';
      th.dataset.period = p;
      th.textContent = t.periodShort(p);
      th.title = t.periodLabel(p);
    }
    const thead = make('thead');
    thead.appendChild(head);
    const tbody = make('tbody');
    for (const unitId of rows) {
      const tr = make('tr', '', tbody);
      tr.dataset.unit = unitId;
      const name = make('th', 'grid-unit', tr);
      name.scope = 'row';
      name.textContent = this.names.get(unitId);
      for (const p of this.periods) {
        const state = cellState(this.columns.get(p)?.get(unitId), p, this.current);
        const td = make('td', `grid-cell cell-${state}${p === this.current ? ' is-current' : ''}`, tr);
        td.dataset.period = p;
        td.dataset.state = state;
        if (state === 'none') continue;
        make('span', '', td).textContent = MARKS[state];
        td.firstChild.setAttribute('aria-hidden', 'true');
        make('span', 'sr-only', td).textContent = `${t.periodLabel(p)} ${t.cellWords[state]}`;
        td.title = `${this.names.get(unitId)} · ${t.periodLabel(p)} · ${t.cellWords[state]}`;
      }
    }
    this.table.replaceChildren(thead, tbody);
    setText(this.status, rows.length === 0 ? t.gridEmpty : '');
    this.status.hidden = rows.length > 0;
    this.scroller.scrollLeft = this.scroller.scrollWidth;
  }
}
