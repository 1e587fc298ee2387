// A directive's copies, unit by unit (GET /api/v1/directives/{id}/copies): filtered by 已完成 /
// 逾期 / 未开始 / 进行中 / 受阻, paged by unit id ("加载更多"), each with the unit's name, its
// status, progress and who last reported it.

import { make, setText, button } from './dom.js';
import { getJson, SignedOut } from './api.js';
import { personName } from './task-row.js';

const FILTERS = ['all', 'done', 'overdue', 'notStarted', 'inProgress', 'blocked'];
const PAGE = 100;

export class CopyList {
  /** options: { formatTime(iso), signedOut() } */
  constructor(text, directiveId, options) {
    this.text = text;
    this.directiveId = directiveId;
    this.options = options;
    this.filter = 'all';
    this.next = null;
    this.generation = 0;
    const t = text;
    this.element = make('section', 'copies');
    this.element.setAttribute('aria-label', t.copiesLabel);
    const filters = make('div', 'copy-filters', this.element);
    filters.setAttribute('role', 'group');
    filters.setAttribute('aria-label', t.copiesLabel);
    this.filterButtons = FILTERS.map((name) => {
      const b = button(filters, 'copy-filter', t.copyFilters[name]);
      b.dataset.filter = name;
      b.setAttribute('aria-pressed', String(name === this.filter));
      b.addEventListener('click', () => this.choose(name));
      return b;
    });
    const table = make('table', 'copy-table', this.element);
    const head = make('tr', '', make('thead', '', table));
    for (const column of ['unit', 'status', 'progress', 'updated']) make('th', `col-${column}`, head).textContent = t.copyColumns[column];
    this.body = make('tbody', '', table);
    this.status = make('p', 'empty-note copy-status', this.element);
    this.status.setAttribute('role', 'status');
    this.more = button(this.element, 'copy-more', t.moreCopies);
    this.more.hidden = true;
    this.more.addEventListener('click', () => this.load(false));
  }

  choose(filter) {
    this.filter = filter;
    for (const b of this.filterButtons) b.setAttribute('aria-pressed', String(b.dataset.filter === filter));
    this.reload();
  }

  reload() { return this.load(true); }

  /** The first page anew, or the next one after what is shown. */
  async load(fresh) {
    const generation = fresh ? ++this.generation : this.generation;
    const params = new URLSearchParams({ limit: String(PAGE) });
    if (this.filter !== 'all') params.set('state', this.filter);
    if (!fresh && this.next) params.set('after', this.next);
    if (fresh && this.body.children.length === 0) setText(this.status, this.text.loadingCopies);
    let page;
    try {
      page = await getJson(`/api/v1/directives/${encodeURIComponent(this.directiveId)}/copies?${params}`);
    } catch (error) {
      if (error instanceof SignedOut) { this.options.signedOut(); return; }
      if (generation === this.generation) setText(this.status, this.text.copiesFailed);
      return;
    }
    if (generation !== this.generation) return; // a newer filter or refresh took over
    const rows = (page?.copies ?? []).map((copy) => this.row(copy));
    if (fresh) this.body.replaceChildren(...rows); else this.body.append(...rows);
    this.next = page?.next ?? null;
    this.more.hidden = !this.next;
    setText(this.status, this.body.children.length === 0 ? this.text.noCopies : '');
    this.status.hidden = this.body.children.length > 0;
  }

  row(copy) {
    const t = this.text;
    const tr = make('tr', `copy status-${copy.status}${copy.overdue ? ' is-overdue' : ''}`);
    tr.dataset.unit = copy.unitId;
    make('td', 'copy-unit', tr).textContent = copy.unitName ?? copy.unitId;
    const status = make('td', 'copy-state', tr);
    make('span', 'status-chip', status).textContent = t.status[copy.status] ?? copy.status;
    if (copy.overdue) make('span', 'flag overdue', status).textContent = t.overdue;
    make('td', 'copy-progress', tr).textContent = `${copy.progress}%`;
    const who = personName(t, copy.updatedByName, null);
    make('td', 'copy-updated', tr).textContent = [who, this.options.formatTime(copy.updatedAt)].filter(Boolean).join(' · ');
    return tr;
  }
}
