// The shown unit's roll-up, with the wall's names and rounding, so the two screens agree: one
// line at the top (health, both tracks, overdue and blocked) that opens into the cards.

import { glyphs, percent } from '../wall/i18n.js';
import { healthOf } from '../wall/state.js';
import { make, setText } from './dom.js';

const healthClasses = ['h-green', 'h-amber', 'h-red', 'h-none'];

const fraction = (value) => (typeof value === 'number' && Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : null);

/** One figure: a label and a value, found by tests and readers as [data-figure=name]. */
class Figure {
  constructor(parent, name, label) {
    this.element = make('div', `figure ${name}`, parent);
    this.element.dataset.figure = name;
    this.label = make('span', 'figure-label', this.element);
    this.label.textContent = label;
    this.value = make('span', 'figure-value', this.element);
  }

  set(value) {
    setText(this.value, value);
  }
}

/** A wheel as a bar: progress filled, what is expected by now as a mark. */
class TrackFigure extends Figure {
  constructor(parent, name, label, text) {
    super(parent, name, label);
    this.text = text;
    this.bar = make('span', 'bar', this.element);
    this.fill = make('i', 'fill', this.bar);
    this.mark = make('i', 'mark', this.bar);
    this.expected = make('span', 'figure-note', this.element);
  }

  update(track) {
    const progress = fraction(track?.progress);
    const expected = fraction(track?.expected);
    this.set(percent(progress));
    setText(this.expected, expected == null ? '' : `${this.text.expected} ${percent(expected)}`);
    this.fill.style.width = `${(progress ?? 0) * 100}%`;
    this.mark.style.left = `${(expected ?? 0) * 100}%`;
    this.mark.hidden = expected == null;
  }
}

export class SummaryView {
  constructor(text) {
    this.text = text;
    this.element = document.getElementById('summary');
    this.glyph = document.getElementById('summary-glyph');
    this.name = document.getElementById('unit-name');
    this.healthLabel = document.getElementById('health-label');
    this.line = document.getElementById('line-figures');
    this.toggle = document.getElementById('summary-line');
    this.toggle.addEventListener('click', () => this.setOpen(this.toggle.getAttribute('aria-expanded') !== 'true'));
    this.setOpen(false);
    const figures = document.getElementById('figures');
    figures.replaceChildren();
    this.party = new TrackFigure(figures, 'party', text.party, text);
    this.business = new TrackFigure(figures, 'business', text.business, text);
    this.gap = new Figure(figures, 'gap', text.gap);
    this.imbalance = new Figure(figures, 'imbalance', text.imbalance);
    this.overdue = new Figure(figures, 'overdue', text.overdue);
    this.blocked = new Figure(figures, 'blocked', text.blocked);
    this.stale = new Figure(figures, 'stale', text.staleTasks);
    this.below = new Figure(figures, 'below', text.subUnits);
    this.version = -1;
  }

  setOpen(open) {
    this.toggle.setAttribute('aria-expanded', String(open));
    this.toggle.title = open ? this.text.hideFigures : this.text.showFigures;
    this.element.classList.toggle('open', open);
  }

  /** The one line: each figure a piece that never wraps inside itself. */
  renderLine(summary) {
    const t = this.text;
    const pieces = [
      ['party', `${t.partyShort} ${percent(fraction(summary?.party?.progress))}`],
      ['business', `${t.businessShort} ${percent(fraction(summary?.business?.progress))}`],
      ['overdue', `${t.overdue} ${summary?.all?.overdue ?? 0}`],
      ['blocked', `${t.blocked} ${summary?.all?.blocked ?? 0}`],
    ];
    const text = pieces.map(([, words]) => words).join('|');
    if (this.line.dataset.text === text) return;
    this.line.dataset.text = text;
    this.line.replaceChildren(...pieces.map(([name, words]) => {
      const piece = make('span', `line-figure ${name}`);
      piece.dataset.line = name;
      piece.textContent = words;
      return piece;
    }));
  }

  /** Shows the unit's summary; an older version than the one shown is ignored (pushes may arrive out of order). */
  update(name, summary) {
    setText(this.name, name ?? '');
    if (typeof summary?.version === 'number') {
      if (summary.version < this.version) return;
      this.version = summary.version;
    }
    const t = this.text;
    const health = healthOf({ summary });
    this.element.classList.remove(...healthClasses);
    this.element.classList.add(`h-${health}`);
    this.element.dataset.health = health;
    setText(this.glyph, glyphs[health]);
    setText(this.healthLabel, t.health[health]);
    this.renderLine(summary);
    this.party.update(summary?.party);
    this.business.update(summary?.business);
    this.gap.set(typeof summary?.lag === 'number' ? percent(Math.max(summary.lag, 0)) : '—');
    this.imbalance.set(typeof summary?.imbalance === 'number' ? percent(summary.imbalance) : '—');
    const all = summary?.all;
    this.overdue.set(String(all?.overdue ?? 0));
    this.blocked.set(String(all?.blocked ?? 0));
    this.stale.set(String(all?.stale ?? 0));
    const hasBelow = (summary?.units ?? 1) > 1;
    this.below.element.hidden = !hasBelow;
    if (hasBelow) this.below.set(`${glyphs.red} ${summary.redUnits ?? 0} · ${glyphs.amber} ${summary.amberUnits ?? 0}`);
  }
}
