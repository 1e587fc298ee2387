// What the wall holds: the latest snapshot, with summaries replaced only by newer versions.
// Pure data, no DOM, so the rules can be checked on their own.

export const MAX_CHANGES = 20;

const severity = { red: 0, amber: 1, none: 2, green: 3 };

export function createState() {
  return {
    watchedId: null,
    depth: 0,
    serverBuild: null,
    timeZone: null,
    /** id -> { id, parentId, name, kind, sort, depth, summary, version } */
    units: new Map(),
    /** newest first, at most MAX_CHANGES */
    changes: [],
    /** id -> Alert: the open (firing or acknowledged) alerts of the units in view */
    alerts: new Map(),
  };
}

function versionOf(summary) {
  return typeof summary?.version === 'number' ? summary.version : -1;
}

/** Replaces everything with the server's snapshot: after it, the wall holds exactly the server's state. */
export function applySnapshot(state, snapshot) {
  const units = new Map();
  for (const unit of snapshot.units ?? []) {
    units.set(unit.id, {
      id: unit.id,
      parentId: unit.parentId ?? null,
      name: unit.name ?? unit.id,
      kind: unit.kind,
      sort: unit.sort ?? 0,
      depth: unit.depth ?? 0,
      summary: unit.summary ?? null,
      version: versionOf(unit.summary),
    });
  }
  state.units = units;
  state.watchedId = snapshot.unitId;
  state.depth = snapshot.depth ?? 0;
  state.serverBuild = snapshot.serverBuild ?? null;
  state.timeZone = snapshot.timeZone ?? state.timeZone;
  state.changes = [];
  mergeChanges(state, snapshot.changes ?? []);
  state.alerts = new Map();
  applyAlerts(state, snapshot.alerts ?? []);
}

const isOpen = (alert) => alert.state === 'firing' || alert.state === 'acknowledged';

/**
 * Applies an `alerts` message: each item is the newest state of one alert; a resolved one leaves.
 * Returns the ids of units whose alerts changed.
 */
export function applyAlerts(state, items) {
  const changed = new Set();
  for (const alert of items ?? []) {
    if (!alert || typeof alert.id !== 'string') continue;
    const known = state.alerts.get(alert.id);
    if (isOpen(alert)) state.alerts.set(alert.id, alert);
    else if (known) state.alerts.delete(alert.id);
    else continue;
    changed.add(alert.unitId);
    if (known && known.escalatedToUnitId) changed.add(known.escalatedToUnitId);
    if (alert.escalatedToUnitId) changed.add(alert.escalatedToUnitId);
  }
  return changed;
}

const alertSeverity = { red: 0, amber: 1 };

function firedAt(alert) {
  const t = Date.parse(alert.firedAt);
  return Number.isFinite(t) ? t : 0;
}

/**
 * What the wall says about the open alerts in view: counts by severity and how many climbed,
 * the newest, and for each drawn unit the worst severity in its subtree and whether one there climbed.
 */
export function alertView(state) {
  const counts = { red: 0, amber: 0, escalated: 0, total: 0 };
  const byUnit = new Map(); // unit id -> { severity, escalated, count }
  let newest = null;
  for (const alert of state.alerts.values()) {
    const severity = alert.severity === 'red' ? 'red' : 'amber';
    counts[severity]++;
    counts.total++;
    const escalated = (alert.escalationLevel ?? 0) > 0;
    if (escalated) counts.escalated++;
    if (!newest || firedAt(alert) > firedAt(newest) || (firedAt(alert) === firedAt(newest) && alert.id > newest.id)) newest = alert;
    // The alert's unit and every unit above it in view carry it; one that climbed here from
    // below the view is carried from where it sits now.
    const from = state.units.has(alert.unitId) ? alert.unitId : alert.escalatedToUnitId;
    for (let id = from, hops = 0; id != null && hops < 64; hops++) {
      const unit = state.units.get(id);
      if (!unit) break;
      let mark = byUnit.get(id);
      if (!mark) byUnit.set(id, (mark = { severity, escalated: false, count: 0 }));
      if (alertSeverity[severity] < alertSeverity[mark.severity]) mark.severity = severity;
      mark.escalated ||= escalated;
      mark.count++;
      if (id === state.watchedId) break;
      id = unit.parentId;
    }
  }
  return { counts, newest, byUnit };
}

/**
 * Applies a `summaries` message: an item counts only when its version is greater than the one
 * held for that unit (delivery order is not guaranteed). Returns the ids that changed.
 */
export function applySummaries(state, items) {
  const changed = new Set();
  for (const item of items ?? []) {
    const unit = state.units.get(item?.unitId);
    if (!unit || !item.summary) continue;
    const version = typeof item.version === 'number' ? item.version : versionOf(item.summary);
    if (!(version > unit.version)) continue;
    unit.summary = item.summary;
    unit.version = version;
    changed.add(unit.id);
  }
  return changed;
}

function changeKey(change) {
  return `${change.at}|${change.unitId}|${change.taskId}|${change.to?.status}|${change.to?.progress}`;
}

function changeTime(change) {
  const t = Date.parse(change.at);
  return Number.isFinite(t) ? t : 0;
}

/** Adds ticker entries (deduplicated, newest first, capped). Returns the entries that are new and kept. */
export function mergeChanges(state, incoming) {
  const known = new Set(state.changes.map(changeKey));
  const fresh = [];
  for (const change of incoming ?? []) {
    if (!change || typeof change !== 'object') continue;
    const key = changeKey(change);
    if (known.has(key)) continue;
    known.add(key);
    fresh.push(change);
  }
  if (fresh.length === 0) return [];
  const all = state.changes.concat(fresh);
  all.sort((a, b) => changeTime(b) - changeTime(a));
  state.changes = all.slice(0, MAX_CHANGES);
  const kept = new Set(state.changes);
  return fresh.filter((c) => kept.has(c));
}

function byDisplayOrder(a, b) {
  return (a.sort - b.sort) || a.name.localeCompare(b.name, 'zh-CN') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function healthOf(unit) {
  const health = unit?.summary?.health;
  return health === 'green' || health === 'amber' || health === 'red' ? health : 'none';
}

/** Worst first: red, amber, unknown, green; then display order. */
export function bySeverity(a, b) {
  return (severity[healthOf(a)] - severity[healthOf(b)]) || byDisplayOrder(a, b);
}

/** The watched unit, its children (display order) and each child's children. */
export function treeView(state) {
  const watched = state.units.get(state.watchedId) ?? null;
  const childrenOf = new Map();
  for (const unit of state.units.values()) {
    if (unit.parentId == null || unit.id === state.watchedId) continue;
    let list = childrenOf.get(unit.parentId);
    if (!list) childrenOf.set(unit.parentId, (list = []));
    list.push(unit);
  }
  for (const list of childrenOf.values()) list.sort(byDisplayOrder);
  const children = watched ? childrenOf.get(watched.id) ?? [] : [];
  return {
    watched,
    children: children.map((child) => ({ unit: child, kids: childrenOf.get(child.id) ?? [] })),
  };
}
