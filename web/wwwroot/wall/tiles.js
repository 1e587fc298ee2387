// DOM views that are made once and then only updated: a tile per drawn unit, kept by id and
// reused across snapshots, so a wall that runs for weeks does not grow.

import { DutiesChip } from './duties.js';
import { glyphs, percent, reasonWords } from './i18n.js';
import { shortName, splitName } from './names.js';
import { healthOf } from './state.js';

const healthClasses = ['h-green', 'h-amber', 'h-red', 'h-none'];

function make(tag, className, parent) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (parent) parent.appendChild(element);
  return element;
}

/** Sets text only when it differs: no new text nodes, no layout work, for unchanged figures. */
function setText(element, value) {
  if (element.textContent !== value) element.textContent = value;
}

function setHealth(element, health) {
  const wanted = `h-${health}`;
  if (element.classList.contains(wanted)) return;
  element.classList.remove(...healthClasses);
  element.classList.add(wanted);
}

class TrackRow {
  constructor(parent, className, label, letter) {
    this.row = make('div', `track ${className}`, parent);
    this.label = make('span', 'track-label', this.row);
    make('span', 'long', this.label).textContent = label;
    make('span', 'letter', this.label).textContent = letter; // compact tiles
    this.bar = make('span', 'bar', this.row);
    this.fill = make('i', 'fill', this.bar);
    this.mark = make('i', 'mark', this.bar);
    this.value = make('span', 'track-value', this.row);
    this.last = '';
  }

  update(track) {
    const progress = typeof track?.progress === 'number' ? Math.min(Math.max(track.progress, 0), 1) : null;
    const expected = typeof track?.expected === 'number' ? Math.min(Math.max(track.expected, 0), 1) : null;
    const key = `${progress}|${expected}`;
    if (key === this.last) return;
    this.last = key;
    this.fill.style.width = `${(progress ?? 0) * 100}%`;
    this.mark.style.left = `${(expected ?? 0) * 100}%`;
    this.mark.hidden = expected == null;
    setText(this.value, percent(progress));
    this.row.classList.toggle('empty', progress == null);
  }
}

function shown(fraction) {
  return typeof fraction === 'number' ? Math.round(fraction * 100) : null;
}

/** One unit: glyph and colour for health, both tracks against the expected mark, counts below. */
export class TileView {
  constructor(text, extraClass) {
    this.text = text;
    this.element = make('div', `tile h-none${extraClass ? ` ${extraClass}` : ''}`);
    const head = make('div', 'tile-head', this.element);
    this.glyph = make('span', 'glyph', head);
    // The name whole: its base, then its kind (党支部), which a line break goes before.
    this.name = make('span', 'name', head);
    this.maxLines = extraClass === 'as-head' ? 1 : 2; // the layout sets it for tiles
    this.nameBase = make('span', 'base', this.name);
    this.nameKind = make('span', 'kind', this.name);
    // The alert glyph: in the foot, or in the head where a compact tile has no foot (CSS picks one).
    this.alertBadges = [make('span', 'alert-badge in-head', head)];
    this.party = new TrackRow(this.element, 'party', text.partyShort, text.partyLetter);
    this.business = new TrackRow(this.element, 'business', text.businessShort, text.businessLetter);
    this.foot = make('div', 'tile-foot', this.element);
    // What is wrong, in words (red and amber tiles): in place of the foot's label.
    this.reason = make('span', 'tile-reason', this.foot);
    this.reason.hidden = true;
    this.footLabel = make('span', 'foot-label', this.foot);
    this.redGlyph = make('span', 'count-glyph red', this.foot);
    this.redGlyph.textContent = glyphs.red;
    this.red = make('span', 'count', this.foot);
    this.amberGlyph = make('span', 'count-glyph amber', this.foot);
    this.amberGlyph.textContent = glyphs.amber;
    this.amber = make('span', 'count', this.foot);
    this.duties = new DutiesChip(make('span', 'duties', this.foot), text); // this period's duties held / due
    this.alertBadges.push(make('span', 'alert-badge in-foot', this.foot));
    for (const badge of this.alertBadges) badge.hidden = true;
    // Open findings (督查整改) on units of this subtree: a count read from the findings list.
    this.findingBadge = make('span', 'finding-badge', this.foot);
    this.findingBadge.hidden = true;
    this.findingCount = 0;
    this.element.addEventListener('animationend', () => this.element.classList.remove('flash'));
  }

  /**
   * mark: the open alerts in view in this unit's subtree ({severity, escalated, count}), or none.
   * Returns whether anything a reader can see changed (the expected mark creeping with time does not count).
   */
  update(unit, mark) {
    const summary = unit.summary;
    const health = healthOf(unit);
    const alerts = this.updateAlert(summary, mark);
    const words = reasonWords(this.text, summary);
    const dutiesBefore = this.duties.key;
    const duties = this.duties.update(summary);
    const seen = [duties, health, unit.name, shown(summary?.party?.progress), shown(summary?.business?.progress),
      summary?.redUnits, summary?.amberUnits, summary?.all?.overdue, summary?.all?.blocked, alerts,
      words.map((w) => w.text).join(' · ')].join('|');
    const changed = seen !== this.seen;
    this.seen = seen;
    // For people reading the DOM and for the browser tests: which unit, in what health.
    if (this.element.dataset.unit !== unit.id) this.element.dataset.unit = unit.id;
    if (this.element.dataset.health !== health) this.element.dataset.health = health;
    setHealth(this.element, health);
    setText(this.glyph, glyphs[health]);
    if (this.fullName !== unit.name) {
      this.fullName = unit.name;
      this.shortName = shortName(unit.name);
      this.showFull();
    }
    this.party.update(summary?.party);
    this.business.update(summary?.business);
    this.updateFoot(summary);
    if (!this.updateReason(words) && duties !== dutiesBefore) this.fitReason();
    return changed;
  }

  /** How many findings on this subtree are not closed yet (open or awaiting sign-off); hidden at 0. */
  updateFindings(count) {
    if (count === this.findingCount) return;
    this.findingCount = count;
    this.findingBadge.hidden = count === 0;
    setText(this.findingBadge, count > 0 ? `${glyphs.finding}${count}` : '');
    this.findingBadge.title = count > 0 ? this.text.findingsOnTile(count) : '';
    if (count > 0) this.element.dataset.findings = String(count);
    else delete this.element.dataset.findings;
  }

  /**
   * The alert glyph: how many alerts are open in the subtree (the summary counts beyond the view
   * too), in the colour of the worst one known, with an arrow when one of them has climbed.
   */
  updateAlert(summary, mark) {
    const count = Math.max(summary?.openAlerts ?? 0, mark?.count ?? 0);
    const severity = mark?.severity === 'red' ? 'red' : 'amber';
    const escalated = !!mark?.escalated;
    const key = count > 0 ? `${count}|${severity}|${escalated}` : '';
    if (key === this.alertKey) return key;
    this.alertKey = key;
    for (const badge of this.alertBadges) {
      badge.hidden = count === 0;
      badge.className = `alert-badge ${badge.classList.contains('in-head') ? 'in-head' : 'in-foot'} ${severity}${escalated ? ' escalated' : ''}`;
      setText(badge, count > 0 ? `${glyphs.alert}${count}${escalated ? glyphs.escalated : ''}` : '');
      badge.title = count > 0 ? this.text.alertsOnTile(count, escalated) : '';
    }
    if (count > 0) {
      this.element.dataset.alerts = String(count);
      this.element.dataset.alertSeverity = severity;
      this.element.dataset.escalated = String(escalated);
    } else {
      delete this.element.dataset.alerts;
      delete this.element.dataset.alertSeverity;
      delete this.element.dataset.escalated;
    }
    return key;
  }

  updateFoot(summary) {
    const t = this.text;
    if ((summary?.units ?? 1) > 1) {
      // A unit with units below it: how many of them are red and amber (over their own subtrees).
      setText(this.footLabel, t.subUnits);
      setText(this.red, String(summary.redUnits ?? 0));
      setText(this.amber, String(summary.amberUnits ?? 0));
      this.foot.classList.remove('leaf');
    } else {
      const all = summary?.all;
      setText(this.footLabel, all?.count ? `${t.overdue} ${all.overdue ?? 0}·${t.blocked} ${all.blocked ?? 0}` : t.noTasks);
      this.foot.classList.add('leaf');
    }
    this.foot.classList.toggle('alarm', (summary?.redUnits ?? 0) > 0);
  }

  /**
   * The worst reasons in words, as many whole ones as fit the foot beside its counts (at least the
   * worst); the foot's label gives way to them. Measures only when the words changed (answers whether it did).
   */
  updateReason(words) {
    const full = words.map((w) => w.text).join(' · ');
    this.reason.hidden = words.length === 0;
    this.footLabel.hidden = words.length > 0;
    if (words.length === 0) {
      if (this.reasonKey === '') return false; // unchanged
      this.reasonKey = '';
      setText(this.reason, '');
      delete this.element.dataset.reason;
      this.fitReason(); // the duties may have room now
      return true;
    }
    this.reason.className = `tile-reason ${words[0].level}`;
    if (full === this.reasonKey) return false; // unchanged: no layout read (a resize refits all)
    this.element.dataset.reason = full;
    this.reasonKey = full;
    this.fitReason();
    return true;
  }

  /**
   * The duties in words where the foot has room beside the worst reason (or the label), else their
   * figures; then drops trailing reasons while the foot overflows (also after the tile changed size).
   */
  fitReason() {
    const parts = this.reasonKey ? this.reasonKey.split(' · ') : [];
    if (parts.length > 0) setText(this.reason, parts[0]);
    const cut = (el) => !el.hidden && el.scrollWidth > el.clientWidth + 1;
    // A compact tile has the duties after its percentages: they must not take the tile a line taller.
    const compact = !this.element.classList.contains('as-head') && this.element.closest('.tree[data-variant="compact"]');
    const tall = () => compact && this.element.scrollHeight > this.element.clientHeight + 1;
    this.duties.fit(this.foot, () => cut(this.footLabel) || cut(this.reason) || tall());
    if (!this.reasonKey) return;
    // A group's head gives its reasons their whole width: what overflows there is the head itself.
    const box = this.element.classList.contains('as-head') ? this.element : this.reason;
    setText(this.reason, this.reasonKey);
    for (let n = parts.length - 1; n >= 1 && box.scrollWidth > box.clientWidth + 1; n--) {
      setText(this.reason, parts.slice(0, n).join(' · '));
    }
  }

  /** The whole name: base and kind. */
  showFull() {
    const { base, kind } = splitName(this.fullName);
    setText(this.nameBase, base);
    setText(this.nameKind, kind);
    this.nameKind.hidden = !kind;
    this.name.title = '';
    delete this.element.dataset.short;
  }

  /** Without its kind (党支部), where the whole name does not fit its lines; the full one stays in the title. */
  showShort() {
    if (!this.shortName) return;
    setText(this.nameBase, this.shortName);
    setText(this.nameKind, '');
    this.nameKind.hidden = true;
    this.name.title = this.fullName;
    this.element.dataset.short = 'true';
  }

  /** Whether the name takes more lines than the layout made room for (maxLines), or is wider than its box. */
  overflows() {
    const tops = new Set();
    for (const span of [this.nameBase, this.nameKind]) for (const rect of span.getClientRects()) tops.add(Math.round(rect.top));
    return tops.size > this.maxLines || this.name.scrollWidth > this.name.clientWidth + 1;
  }

  /** Highlights once, briefly; the animation ends by itself and the tile holds still. */
  flash() {
    this.element.classList.remove('flash');
    void this.element.offsetWidth; // restart the animation if one is running
    this.element.classList.add('flash');
  }
}

/** The "N more units" tile of a capped grid: how many are not drawn and how many of them are red and amber. */
export class MoreView {
  constructor(text) {
    this.text = text;
    this.hidden = null; // the units it stands for, while it is drawn
    this.element = make('div', 'tile more h-none');
    this.title = make('div', 'more-title', this.element);
    this.counts = make('div', 'tile-foot', this.element);
    this.red = make('span', 'count red', this.counts);
    this.amber = make('span', 'count amber', this.counts);
  }

  update(hidden) {
    let red = 0, amber = 0;
    for (const unit of hidden) {
      const health = healthOf(unit);
      if (health === 'red') red++;
      else if (health === 'amber') amber++;
    }
    setText(this.title, this.text.more(hidden.length));
    this.element.dataset.count = String(hidden.length);
    setText(this.red, `${glyphs.red} ${red}`);
    setText(this.amber, `${glyphs.amber} ${amber}`);
  }
}
