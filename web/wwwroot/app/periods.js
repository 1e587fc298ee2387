// The calendar periods of schedules (docs/domain.md "Schedules") as the API names them:
// 2026-12 (a month), 2026-q4 (a quarter), 2026-h2 (a half-year), 2026 (a year). Dates are
// 'YYYY-MM-DD' strings of the department's calendar, so they compare as text.

export const CADENCES = ['month', 'quarter', 'halfYear', 'year'];
const SIZE = { month: 1, quarter: 3, halfYear: 6, year: 12 };
const COUNT = { month: 12, quarter: 4, halfYear: 2, year: 1 };

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** '2026-q4' -> { kind: 'quarter', year: 2026, index: 4 }; null when it names no period. */
export function parsePeriod(name) {
  const m = /^(\d{4})(?:-(\d{2})|-q([1-4])|-h([12]))?$/.exec(String(name ?? ''));
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2]) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? { kind: 'month', year, index: month } : null;
  }
  if (m[3]) return { kind: 'quarter', year, index: Number(m[3]) };
  if (m[4]) return { kind: 'halfYear', year, index: Number(m[4]) };
  return { kind: 'year', year, index: 1 };
}

export function periodName({ kind, year, index }) {
  switch (kind) {
    case 'month': return `${pad(year, 4)}-${pad(index)}`;
    case 'quarter': return `${pad(year, 4)}-q${index}`;
    case 'halfYear': return `${pad(year, 4)}-h${index}`;
    default: return pad(year, 4);
  }
}

/** The period of `kind` that holds the day 'YYYY-MM-DD'. */
export function periodOf(kind, day) {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return periodName({ kind, year, index: Math.floor((month - 1) / SIZE[kind]) + 1 });
}

/** The period `steps` after (negative: before) the named one. */
export function shiftPeriod(name, steps) {
  const p = parsePeriod(name);
  if (!p) return null;
  const count = COUNT[p.kind];
  const flat = p.year * count + (p.index - 1) + steps;
  return periodName({ kind: p.kind, year: Math.floor(flat / count), index: (flat % count) + 1 });
}

/** The `n` periods ending with `name`, oldest first. */
export function lastPeriods(name, n) {
  const out = [];
  for (let i = n - 1; i >= 0; i--) out.push(shiftPeriod(name, -i));
  return out;
}

/** The period's first and last days. */
export function periodWindow(name) {
  const p = parsePeriod(name);
  if (!p) return null;
  const firstMonth = (p.index - 1) * SIZE[p.kind] + 1;
  const lastMonth = firstMonth + SIZE[p.kind] - 1;
  const lastDay = new Date(Date.UTC(p.year, lastMonth, 0)).getUTCDate();
  return { start: `${pad(p.year, 4)}-${pad(firstMonth)}-01`, end: `${pad(p.year, 4)}-${pad(lastMonth)}-${pad(lastDay)}` };
}

/** Whether the period holds the day. */
export function holds(name, day) {
  const w = periodWindow(name);
  return !!w && w.start <= day && day <= w.end;
}

/** Periods compare as their first days do. */
export function comparePeriods(a, b) {
  return String(periodWindow(a)?.start ?? a).localeCompare(String(periodWindow(b)?.start ?? b));
}

/** Today's date 'YYYY-MM-DD' in the time zone (the browser's when none or unknown). */
export function todayIn(timeZone) {
  try {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone: timeZone || undefined, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date());
    const get = (type) => parts.find((part) => part.type === type)?.value;
    return `${get('year')}-${get('month')}-${get('day')}`;
  } catch {
    return timeZone ? todayIn(null) : new Date().toISOString().slice(0, 10);
  }
}
