// 此前与现在 (then and now): a unit and the units below it on two sides, each side a past day
// (GET /units/{id}/tree?asOf=, from the stored history), an inspection (its frozen tree) or now
// (the live tree). Two inspections, or an inspection and now, are compared by the server
// (GET /inspections/compare); any other pair here, from the two trees, with the same figures.

import { getJson } from './api.js';

/** The figures compared, in the order shown, and which way is better (+1 up, -1 down, 0 neither). */
export const FIGURES = [
  ['progress', 1, 'fraction'], ['expected', 0, 'fraction'], ['lag', -1, 'fraction'],
  ['count', 0, 'count'], ['done', 1, 'count'], ['overdue', -1, 'count'], ['blocked', -1, 'count'],
];

/** A side from the address: `date:YYYY-MM-DD`, `insp:<id>` or `now`; null for anything else. */
export function parseSide(value) {
  if (value === 'now') return { kind: 'now' };
  const date = /^date:(\d{4}-\d{2}-\d{2})$/.exec(value ?? '');
  if (date) return { kind: 'date', date: date[1] };
  const insp = /^insp:(.+)$/.exec(value ?? '');
  return insp ? { kind: 'inspection', id: insp[1] } : null;
}

export const sideValue = (side) => (side.kind === 'now' ? 'now' : side.kind === 'date' ? `date:${side.date}` : `insp:${side.id}`);

const number = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** A history node's figures (`figures`: the point's) or a tree node's (`summary`) as the compared set. */
function figuresOf(node) {
  const f = node.figures;
  if (f) return { progress: number(f.all?.progress), expected: number(f.all?.expected), lag: number(f.lag), count: f.count ?? 0, done: f.done ?? 0, overdue: f.overdue ?? 0, blocked: f.blocked ?? 0 };
  const s = node.summary;
  if (!s) return null;
  return { progress: number(s.all?.progress), expected: number(s.all?.expected), lag: number(s.lag), count: s.all?.count ?? 0, done: s.all?.done ?? 0, overdue: s.all?.overdue ?? 0, blocked: s.all?.blocked ?? 0 };
}

/** The unit and its children, in the tree's order: [{ unitId, name, figures, health }]. */
function rowsOf(tree) {
  const row = (node) => ({ unitId: node.id, name: node.name, figures: figuresOf(node), health: (node.figures ?? node.summary)?.health ?? null });
  return [row(tree), ...(tree.children ?? []).map(row)];
}

/** to - from per figure; null where either side is null. */
export function deltaOf(from, to) {
  const delta = {};
  for (const [name] of FIGURES) {
    const a = from ? number(from[name]) : null;
    const b = to ? number(to[name]) : null;
    delta[name] = a == null || b == null ? null : Math.round((b - a) * 10000) / 10000;
  }
  return delta;
}

/** Two sides' rows as compared units (the shape of the server's Comparison): from's order, then units only `to` holds. */
export function combine(fromRows, toRows) {
  const later = new Map(toRows.map((r) => [r.unitId, r]));
  const units = fromRows.map((a) => {
    const b = later.get(a.unitId);
    later.delete(a.unitId);
    return { unitId: a.unitId, name: b?.name ?? a.name, from: a.figures, to: b?.figures ?? null, delta: deltaOf(a.figures, b?.figures), healthFrom: a.health, healthTo: b?.health ?? null };
  });
  for (const b of later.values()) units.push({ unitId: b.unitId, name: b.name, from: null, to: b.figures, delta: deltaOf(null, b.figures), healthFrom: null, healthTo: b.health });
  return units;
}

/** Thrown for a side that has nothing to show (a day without history, an unknown inspection). */
export class MissingSide extends Error {
  constructor(side) {
    super('missing side');
    this.side = side;
  }
}

async function treeOf(unitId, side) {
  const unit = encodeURIComponent(unitId);
  const url = side.kind === 'date' ? `/api/v1/units/${unit}/tree?asOf=${side.date}&depth=1`
    : side.kind === 'now' ? `/api/v1/units/${unit}/tree?depth=1`
      : `/api/v1/inspections/${encodeURIComponent(side.id)}/tree?unit=${unit}&depth=1`;
  const tree = await getJson(url);
  if (!tree) throw new MissingSide(side);
  return rowsOf(tree);
}

/** The comparison of two sides for a unit and its children: [{unitId, name, from, to, delta, healthFrom, healthTo}]. */
export async function compare(unitId, from, to) {
  if (from.kind === 'inspection' && (to.kind === 'inspection' || to.kind === 'now')) {
    const url = `/api/v1/inspections/compare?from=${encodeURIComponent(from.id)}&to=${encodeURIComponent(to.kind === 'now' ? 'now' : to.id)}&unit=${encodeURIComponent(unitId)}&depth=1`;
    const answer = await getJson(url);
    if (!answer) throw new MissingSide(from);
    return answer.units ?? [];
  }
  const [a, b] = await Promise.all([treeOf(unitId, from), treeOf(unitId, to)]);
  return combine(a, b);
}
