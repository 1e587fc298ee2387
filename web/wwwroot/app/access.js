// Who may do what on the workbench, from GET /api/v1/me and the unit list. Only for what the
// page offers: the server decides every write (UnitAccess) and answers 403 when it may not.

/** unit id -> unit, from GET /api/v1/units. */
export function indexUnits(units) {
  const byId = new Map();
  for (const unit of units ?? []) if (unit?.id) byId.set(unit.id, unit);
  return byId;
}

/** Admins write every unit; an editor the unit they are bound to and every unit below it; nobody else. */
export function mayWrite(me, unitId, byId) {
  if (me?.role === 'admin') return true;
  if (me?.role !== 'editor' || !me.unitId) return false;
  const seen = new Set();
  for (let id = unitId; id != null && !seen.has(id); id = byId.get(id)?.parentId ?? null) {
    if (id === me.unitId) return true;
    seen.add(id);
  }
  return false;
}

/**
 * Who may acknowledge an alert (docs/api.md): admins and leaders; editors of its unit or of the unit it
 * has climbed to, or of any unit above either.
 */
export function mayAcknowledge(me, alert, byId) {
  if (me?.role === 'admin' || me?.role === 'leader') return true;
  return mayWrite(me, alert?.unitId, byId) || (!!alert?.escalatedToUnitId && mayWrite(me, alert.escalatedToUnitId, byId));
}

/** The unit asked for in the URL; else an editor's own unit; else the root. */
export function chooseUnit(asked, me, units) {
  if (asked) return asked;
  if (me?.role === 'editor' && me.unitId) return me.unitId;
  return (units ?? []).find((unit) => unit.parentId == null)?.id ?? null;
}

function byDisplayOrder(a, b) {
  return ((a.sort ?? 0) - (b.sort ?? 0)) || String(a.name).localeCompare(String(b.name), 'zh-CN') || (a.id < b.id ? -1 : 1);
}

/** The tree as a list for the picker: parents before children, siblings in display order, with depth. */
export function pickerEntries(units) {
  const children = new Map();
  const byId = indexUnits(units);
  const roots = [];
  for (const unit of byId.values()) {
    const parent = unit.parentId;
    if (parent == null || !byId.has(parent)) roots.push(unit);
    else {
      if (!children.has(parent)) children.set(parent, []);
      children.get(parent).push(unit);
    }
  }
  const entries = [];
  const visit = (unit, depth) => {
    entries.push({ id: unit.id, name: unit.name ?? unit.id, depth });
    for (const child of (children.get(unit.id) ?? []).sort(byDisplayOrder)) visit(child, depth + 1);
  };
  for (const root of roots.sort(byDisplayOrder)) visit(root, 0);
  return entries;
}
