// "Who needs help": the units that lag most, a fixed pool of rows of which as many show as fit.

import { make, rootFontSize, setText } from './dom.js';
import { fitNames, glyphs, percent, shortName } from './i18n.js';
import { healthOf, laggingUnits } from './state.js';

const LAG_ROWS = 12;

export class LaggingList {
  constructor(list, text) {
    this.list = list;
    this.rows = [];
    for (let i = 0; i < LAG_ROWS; i++) {
      const row = make('li', 'lag-row h-none', list);
      row.hidden = true;
      this.rows.push({
        row,
        glyph: make('span', 'glyph', row),
        name: make('span', 'name', row),
        figures: make('span', 'lag-figures', row),
        gap: make('span', 'lag-gap', row),
      });
    }
    this.empty = make('li', 'empty-note', list);
    this.empty.textContent = `${glyphs.green} ${text.nobodyLagging}`;
  }

  render(state) {
    const rem = rootFontSize();
    const rowHeight = 2.5 * rem;
    const fits = Math.max(1, Math.min(LAG_ROWS, Math.floor((this.list.clientHeight + 0.3 * rem) / rowHeight)));
    const units = laggingUnits(state, fits);
    const names = [];
    this.rows.forEach((r, i) => {
      const unit = units[i];
      r.row.hidden = !unit;
      if (!unit) return;
      const health = healthOf(unit);
      r.row.className = `lag-row h-${health}`;
      setText(r.glyph, glyphs[health]);
      names.push({ element: r.name, full: unit.name, short: shortName(unit.name) });
      const all = unit.summary?.all;
      setText(r.figures, `${percent(all?.progress)} / ${percent(all?.expected)}`);
      setText(r.gap, `−${percent(unit.summary.lag)}`);
    });
    this.empty.hidden = units.length > 0;
    fitNames(names);
  }
}
