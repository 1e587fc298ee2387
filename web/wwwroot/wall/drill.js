// Drill-down, on a screen with a pointer or touch: a tile opens that unit's wall with the same
// bottom level (so a kiosk link's depth still holds: a child of the watched unit opens one level
// less deep), and a way back. The address follows (the browser's back works too), and a screen
// left alone goes back to where it started after five minutes.

import { byId, setText } from './dom.js';

const IDLE_MS = 5 * 60 * 1000;

export class Drill {
  /** connection: the WallConnection (its unitId and depth are read at every Watch). */
  constructor({ connection, state, text }) {
    this.connection = connection;
    this.state = state;
    this.text = text;
    this.button = byId('back');
    this.enabled = Drill.available();
    document.documentElement.classList.toggle('interactive', this.enabled);
    if (!this.enabled) return;
    this.button.addEventListener('click', () => history.back());
    window.addEventListener('popstate', (event) => this.go(event.state ?? this.start));
    for (const kind of ['pointerdown', 'pointermove', 'keydown']) window.addEventListener(kind, () => this.awake(), { passive: true });
  }

  /** A mouse, a touch screen or a pen: someone may tap. A bare wall screen has none. */
  static available() {
    return matchMedia('(any-pointer: fine), (any-pointer: coarse)').matches;
  }

  /** Where the page started (the address it was opened with). */
  begin(unitId, depth) {
    this.start = { unit: unitId, depth, level: 0, fromName: '' };
    if (this.enabled) history.replaceState(this.start, '', location.href);
  }

  /** Opens a unit in view: its wall, as deep as this one reaches. */
  open(unitId) {
    if (!this.enabled || unitId === this.state.watchedId) return;
    const unit = this.state.units.get(unitId);
    if (!unit) return;
    const level = Math.max(1, unit.depth ?? 1);
    const entry = {
      unit: unitId,
      depth: Math.max(0, this.connection.depth - level),
      level: (history.state?.level ?? 0) + 1,
      fromName: this.state.units.get(this.state.watchedId)?.name ?? '',
    };
    const url = new URL(location.href);
    url.searchParams.set('unit', entry.unit);
    url.searchParams.set('depth', String(entry.depth));
    history.pushState(entry, '', url);
    this.go(entry);
  }

  go(entry) {
    if (!entry) return;
    this.connection.unitId = entry.unit;
    this.connection.depth = entry.depth;
    this.connection.watch();
    this.button.hidden = !(entry.level > 0);
    setText(this.button, entry.level > 0 ? this.text.back(entry.fromName) : '');
    this.awake();
  }

  /** Someone is there: the screen stays where they took it, for five more minutes. */
  awake() {
    clearTimeout(this.idleTimer);
    const level = history.state?.level ?? 0;
    if (level > 0) this.idleTimer = setTimeout(() => history.go(-level), IDLE_MS);
  }
}
