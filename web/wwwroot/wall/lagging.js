// "Who needs help": every red and amber unit below the watched one, red first, each with what is
// wrong in words (its summary's healthReasons). As many rows as fit; when more need help, the
// list pages through them, one page every few seconds. A fixed pool of rows, reused.

import { make, rootFontSize, setText } from './dom.js';
import { fitNames, glyphs, reasonWords } from './i18n.js';
import { shortName } from './names.js';
import { bySeverity, healthOf } from './state.js';

const LAG_ROWS = 16;
const PAGE_SECONDS = 6;
const level = { red: 0, amber: 1 };

/** Red before amber; then more open alerts, then the larger lag, then display order. */
function byNeed(a, b) {
  return (level[healthOf(a)] - level[healthOf(b)])
    || ((b.summary?.openAlerts ?? 0) - (a.summary?.openAlerts ?? 0))
    || ((b.summary?.lag ?? 0) - (a.summary?.lag ?? 0))
    || bySeverity(a, b);
}

/** The red and amber units in view below the watched one, neediest first. */
export function needingHelp(state) {
  const list = [];
  for (const unit of state.units.values()) {
    if (unit.id === state.watchedId) continue;
    const health = healthOf(unit);
    if (health === 'red' || health === 'amber') list.push(unit);
  }
  return list.sort(byNeed);
}

export class LaggingList {
  constructor(list, text) {
    this.list = list;
    this.text = text;
    this.page = 0;
    this.state = null;
    this.rows = [];
    for (let i = 0; i < LAG_ROWS; i++) {
      const row = make('li', 'lag-row h-none', list);
      row.hidden = true;
      this.rows.push({
        row,
        glyph: make('span', 'glyph', row),
        name: make('span', 'name', row),
        reasons: make('span', 'lag-reasons', row),
      });
    }
    this.empty = make('li', 'empty-note', list);
    this.empty.textContent = `${glyphs.green} ${text.nobodyLagging}`;
    // Which page of how many, beside the panel's title.
    this.pageMark = make('span', 'lag-page', list.parentElement?.querySelector('h2') ?? list);
    this.pageMark.hidden = true;
    setInterval(() => this.turn(), PAGE_SECONDS * 1000);
  }

  turn() {
    if (!this.state || (this.pages ?? 1) <= 1) return;
    this.page = (this.page + 1) % this.pages;
    this.render(this.state);
  }

  render(state) {
    this.state = state;
    const rem = rootFontSize();
    const rowHeight = 3.05 * rem;
    const fits = Math.max(1, Math.min(LAG_ROWS, Math.floor((this.list.clientHeight + 0.3 * rem) / rowHeight)));
    const units = needingHelp(state);
    this.pages = Math.max(1, Math.ceil(units.length / fits));
    if (this.page >= this.pages) this.page = 0;
    const shown = units.slice(this.page * fits, (this.page + 1) * fits);
    const names = [];
    const reasons = [];
    this.rows.forEach((r, i) => {
      const unit = shown[i];
      r.row.hidden = !unit;
      if (!unit) return;
      const health = healthOf(unit);
      r.row.className = `lag-row h-${health}`;
      if (r.row.dataset.unit !== unit.id) r.row.dataset.unit = unit.id;
      setText(r.glyph, glyphs[health]);
      names.push({ element: r.name, full: unit.name, short: shortName(unit.name) });
      const words = reasonWords(this.text, unit.summary).map((w) => w.text);
      setText(r.reasons, words.join(' · '));
      r.reasons.dataset.full = words.join(' · ');
      reasons.push({ element: r.reasons, words });
    });
    this.empty.hidden = units.length > 0;
    this.list.dataset.page = String(this.page + 1);
    this.list.dataset.pages = String(this.pages);
    this.list.dataset.count = String(units.length);
    this.pageMark.hidden = this.pages <= 1;
    setText(this.pageMark, this.pages > 1 ? this.text.page(this.page + 1, this.pages) : '');
    fitNames(names);
    fitReasons(reasons);
  }
}

/** Whole reasons only: where they do not all fit, as many as fit and "+n" for the rest. */
function fitReasons(items) {
  const tooWide = items.filter((item) => item.element.scrollWidth > item.element.clientWidth + 1);
  for (const { element, words } of tooWide) {
    for (let n = words.length - 1; n >= 1; n--) {
      element.textContent = `${words.slice(0, n).join(' · ')} +${words.length - n}`;
      if (element.scrollWidth <= element.clientWidth + 1) break;
    }
  }
}
