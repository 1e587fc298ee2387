// 交办事项: the directives the watched unit handed down (docs/api.md "Live push": the snapshot's
// `directives` and the `directives` message), lagging first, each with its title whole, how many
// targets are done and how many late, and a bar of progress against expected. As many rows as fit
// whole; when more are issued, the list pages through them. Hidden when there are none.

import { make, setText } from './dom.js';
import { glyphs, percent } from './i18n.js';

const PAGE_SECONDS = 8;
const MAX_ROWS = 12;
const level = { red: 0, amber: 1, green: 2, none: 3 };

const healthOf = (row) => (row.health === 'red' || row.health === 'amber' || row.health === 'green' ? row.health : 'none');
const lagOf = (row) => (typeof row.expected === 'number' ? row.expected : 0) - (typeof row.progress === 'number' ? row.progress : 0);

/** Red, then amber, then the furthest behind expected; then the earlier due date, then the title. */
export function byLag(a, b) {
  return (level[healthOf(a)] - level[healthOf(b)]) || (lagOf(b) - lagOf(a))
    || String(a.due ?? '').localeCompare(String(b.due ?? '')) || String(a.title).localeCompare(String(b.title), 'zh-CN');
}

/** The snapshot's rows replace what the wall held. */
export function applyDirectiveSnapshot(state, rows) {
  state.directives = new Map();
  applyDirectives(state, rows);
}

/** A `directives` message: each row is a directive's newest state; `removed` means withdrawn. Returns whether anything changed. */
export function applyDirectives(state, rows) {
  state.directives ??= new Map();
  let changed = false;
  for (const row of rows ?? []) {
    if (!row || typeof row.id !== 'string') continue;
    const known = state.directives.get(row.id);
    if (known && typeof row.version === 'number' && row.version < known.version) continue; // an older edit arriving late
    if (row.removed) changed = state.directives.delete(row.id) || changed;
    else if (!row.issuerUnitId || row.issuerUnitId === state.watchedId) {
      state.directives.set(row.id, row);
      changed = true;
    }
  }
  return changed;
}

export function directiveList(state) {
  return [...(state.directives?.values() ?? [])].sort(byLag);
}

export class DirectivesPanel {
  /** panel: the <section>; list: its <ol>. */
  constructor(panel, list, text) {
    this.panel = panel;
    this.list = list;
    this.text = text;
    this.start = 0;
    this.state = null;
    this.rows = [];
    for (let i = 0; i < MAX_ROWS; i++) {
      const row = make('li', 'dir-row h-none', list);
      row.hidden = true;
      const head = make('div', 'dir-head', row);
      const glyph = make('span', 'glyph', head);
      const title = make('span', 'dir-title', head);
      const figures = make('div', 'dir-figures', row);
      const done = make('span', 'dir-done', figures);
      const overdue = make('span', 'dir-overdue', figures);
      const bar = make('span', 'dir-bar', figures);
      const fill = make('i', 'fill', bar);
      const mark = make('i', 'mark', bar);
      const value = make('span', 'dir-pct', figures);
      this.rows.push({ row, glyph, title, done, overdue, bar, fill, mark, value });
    }
    setText(panel.querySelector('h2 > span'), text.directives);
    setText(panel.querySelector('h2 > small'), text.directivesNote);
    this.pageMark = make('span', 'lag-page', panel.querySelector('h2') ?? panel);
    this.pageMark.hidden = true;
    setInterval(() => this.turn(), PAGE_SECONDS * 1000);
  }

  turn() {
    if (!this.state || !this.more) return;
    this.start = this.next;
    this.render(this.state);
  }

  /** Returns true when the panel appeared or went (the other side panels then have other room). */
  render(state) {
    this.state = state;
    const all = directiveList(state);
    const wasHidden = this.panel.hidden;
    this.panel.hidden = all.length === 0;
    this.panel.parentElement?.classList.toggle('with-directives', all.length > 0);
    if (this.start >= all.length) this.start = 0;
    const t = this.text;
    // Fill the rows from this page's first, then hide from the end whatever does not fit whole.
    const shown = all.slice(this.start, this.start + MAX_ROWS);
    this.rows.forEach((r, i) => {
      const d = shown[i];
      r.row.hidden = !d;
      if (!d) return;
      const health = healthOf(d);
      r.row.className = `dir-row h-${health}`;
      r.row.dataset.directive = d.id;
      setText(r.glyph, glyphs[health]);
      setText(r.title, d.title ?? d.id);
      setText(r.done, t.directiveDone(d.doneUnits ?? 0, d.targetCount ?? 0));
      setText(r.overdue, (d.overdueUnits ?? 0) > 0 ? `${t.overdue} ${d.overdueUnits}` : '');
      r.overdue.hidden = !((d.overdueUnits ?? 0) > 0);
      const progress = typeof d.progress === 'number' ? Math.min(Math.max(d.progress, 0), 1) : null;
      const expected = typeof d.expected === 'number' ? Math.min(Math.max(d.expected, 0), 1) : null;
      r.fill.style.width = `${(progress ?? 0) * 100}%`;
      r.mark.style.left = `${(expected ?? 0) * 100}%`;
      r.mark.hidden = expected == null;
      r.bar.title = `${t.directiveProgress} ${percent(progress)} · ${t.expected} ${percent(expected)}`;
      setText(r.value, percent(progress));
    });
    let count = shown.length;
    const bottom = () => this.list.getBoundingClientRect().bottom + 0.5;
    while (count > 1 && this.rows[count - 1].row.getBoundingClientRect().bottom > bottom()) this.rows[--count].row.hidden = true;
    this.more = all.length > count;
    this.next = this.start + count >= all.length ? 0 : this.start + count;
    this.list.dataset.count = String(all.length);
    this.list.dataset.shown = String(count);
    this.pageMark.hidden = !this.more;
    setText(this.pageMark, this.more ? t.directivesRange(this.start + 1, this.start + count, all.length) : '');
    return wasHidden !== this.panel.hidden; // the other panels' room changed
  }
}
