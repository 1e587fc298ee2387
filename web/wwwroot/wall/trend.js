// The 90-day trend of progress against expected (docs/api.md "History"): read from
// GET /units/{id}/history when a tile is first drawn and again once a day, never pushed over the
// hub. A tile draws it as a faint sparkline behind its figures (plain SVG that scales with the
// tile, nothing to resize or dispose on a wall that runs for weeks); the workbench draws the
// same series with ECharts (app/trend.js).

const SVG = 'http://www.w3.org/2000/svg';
/** Reads at once at most; a wall of 60 tiles asks for 60 histories once a day. */
const PARALLEL = 4;
/** How often the day is checked; a day's points are taken within the hour after local midnight. */
const CHECK_MS = 10 * 60 * 1000;

const fraction = (value) => (typeof value === 'number' && Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : null);

/**
 * A history answer's days as the trend's series: the `all` set's progress and expected per day
 * (null where the day has no point), the first and last day, and how many days have a point.
 */
export function trendSeries(answer) {
  const days = Array.isArray(answer?.days) ? answer.days : [];
  const progress = days.map((d) => fraction(d?.figures?.all?.progress));
  const expected = days.map((d) => fraction(d?.figures?.all?.expected));
  const points = days.filter((d) => d?.figures).length;
  return { days: days.map((d) => d?.day ?? ''), progress, expected, points };
}

/** An SVG path over 0..n-1 by 0..100 (100 is 0%), broken where a day has no value. */
export function pathOf(values) {
  let path = '';
  let open = false;
  values.forEach((value, i) => {
    if (value == null) { open = false; return; }
    const y = Math.round((1 - value) * 1000) / 10;
    path += `${open ? 'L' : 'M'}${i} ${y}`;
    // A lone day between gaps is a dot, not nothing.
    if (!open && (i + 1 >= values.length || values[i + 1] == null)) path += 'h0.01';
    open = true;
  });
  return path;
}

/** The sparkline behind a tile's figures: progress solid in the tile's colour, expected dashed. */
export class TileTrend {
  constructor(tile) {
    this.svg = document.createElementNS(SVG, 'svg');
    this.svg.setAttribute('class', 'trend');
    this.svg.setAttribute('preserveAspectRatio', 'none');
    this.svg.setAttribute('aria-hidden', 'true');
    this.expected = document.createElementNS(SVG, 'path');
    this.expected.setAttribute('class', 'trend-expected');
    this.progress = document.createElementNS(SVG, 'path');
    this.progress.setAttribute('class', 'trend-progress');
    this.svg.append(this.expected, this.progress);
    this.svg.style.display = 'none';
    tile.appendChild(this.svg);
    this.key = '';
  }

  /** series: trendSeries(...) or null; a unit without points shows no line. */
  update(series) {
    const shown = !!series && series.points > 0;
    const progress = shown ? pathOf(series.progress) : '';
    const expected = shown ? pathOf(series.expected) : '';
    const key = shown ? `${series.days.length}|${progress}|${expected}` : '';
    if (key === this.key) return;
    this.key = key;
    this.svg.style.display = shown ? '' : 'none';
    const tile = this.svg.parentElement;
    if (!shown) {
      delete tile.dataset.trend;
      return;
    }
    this.svg.setAttribute('viewBox', `0 0 ${Math.max(series.days.length - 1, 1)} 100`);
    this.progress.setAttribute('d', progress);
    this.expected.setAttribute('d', expected);
    tile.dataset.trend = String(series.points); // for readers and tests: how many days have a point
  }
}

/**
 * The histories of the units drawn: each read once, and again when the organization's day
 * (dayKey(), shifted past the hour in which points are taken) has turned. onData(unitId, series)
 * follows every read; a unit that may not be read or has gone gets an empty series (no line).
 */
export class TrendBook {
  constructor(urlOf, onData, dayKey) {
    this.urlOf = urlOf;
    this.onData = onData;
    this.dayKey = dayKey;
    this.cache = new Map(); // unit id -> { day, series }
    this.queued = new Set();
    this.queue = [];
    this.active = 0;
    this.wanted = [];
    setInterval(() => this.want(this.wanted), CHECK_MS);
  }

  /** What is known of the unit's trend now (possibly yesterday's until today's read is in). */
  get(unitId) {
    return this.cache.get(unitId)?.series ?? null;
  }

  /** The units drawn now: those without today's trend are read, a few at a time. */
  want(unitIds) {
    this.wanted = [...unitIds];
    const day = this.dayKey();
    const keep = new Set(this.wanted);
    for (const id of this.cache.keys()) if (!keep.has(id) && this.cache.get(id).day !== day) this.cache.delete(id);
    for (const id of this.wanted) {
      if (this.cache.get(id)?.day === day || this.queued.has(id)) continue;
      this.queued.add(id);
      this.queue.push(id);
    }
    this.pump();
  }

  pump() {
    while (this.active < PARALLEL && this.queue.length > 0) {
      this.active++;
      this.read(this.queue.shift()).finally(() => { this.active--; this.pump(); });
    }
  }

  async read(unitId) {
    const day = this.dayKey();
    let series;
    try {
      const answer = await fetch(this.urlOf(unitId), { cache: 'no-store', headers: { Accept: 'application/json' } });
      if (answer.ok) series = trendSeries(await answer.json());
      else if (answer.status === 403 || answer.status === 404) series = null;
      else return; // the server is busy or restarting: the next layout or check asks again
    } catch {
      return; // no connection: asked again later
    } finally {
      this.queued.delete(unitId);
    }
    this.cache.set(unitId, { day, series });
    this.onData(unitId, series);
  }
}
