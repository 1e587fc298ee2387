// 提出整改 on an inspection's view: a finding (督查发现) on the unit shown, recorded against the
// inspection by one of its inspector units (互观互检), which creates the unit's rectification task
// f-{id}. Shown to admins and leaders, and to editors of an inspector unit for units that are not
// their own or below it; the server decides (docs/api.md "Findings") and a refusal is shown.

import { recordFinding } from './api.js';
import { make, setText } from './dom.js';

/** True when `unitId` is `ancestor` or below it, by the unit list's parents. */
export function isWithin(unitId, ancestor, byId) {
  const seen = new Set();
  for (let id = unitId; id != null && !seen.has(id); id = byId.get(id)?.parentId ?? null) {
    if (id === ancestor) return true;
    seen.add(id);
  }
  return false;
}

/**
 * The inspector units on whose behalf `me` may raise a finding on `unitId`: for admins and leaders
 * every inspector unit the unit is not within ([null] when the inspection names none); for an editor
 * the inspector units at or below their own unit, and none when the unit is their own or below it.
 */
export function raisers(me, inspection, unitId, byId) {
  const inspectors = inspection.inspectorUnitIds ?? [];
  if (me?.role === 'admin' || me?.role === 'leader')
    return inspectors.length ? inspectors.filter((i) => !isWithin(unitId, i, byId)) : [null];
  if (me?.role !== 'editor' || !me.unitId || isWithin(unitId, me.unitId, byId)) return [];
  return inspectors.filter((i) => isWithin(i, me.unitId, byId) && !isWithin(unitId, i, byId));
}

/** A due date a quarter from today (yyyy-mm-dd in the browser's calendar). */
function inAQuarter(now = new Date()) {
  const d = new Date(now.getFullYear(), now.getMonth() + 3, now.getDate());
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Fills and shows the form for the unit shown; `recorded()` runs after each finding is recorded. */
export function showFindingForm(text, { me, inspection, unit, unitsById, recorded }) {
  const byId = (name) => document.getElementById(name);
  const form = byId('finding-form');
  const choices = raisers(me, inspection, unit.id, unitsById);
  form.hidden = choices.length === 0;
  if (form.hidden) return;
  const name = (id) => unitsById.get(id)?.name ?? id;
  for (const [id, key] of [['fn-heading', 'raiseTitle'], ['fn-text-label', 'raiseText'], ['fn-due-label', 'raiseDue'],
    ['fn-track-label', 'raiseTrack'], ['fn-inspector-label', 'raiseBy'], ['fn-submit', 'raise']]) setText(byId(id), text[key]);
  setText(byId('fn-note'), text.raiseNote(unit.name));
  const due = byId('fn-due');
  due.value = inAQuarter();
  const track = byId('fn-track');
  track.replaceChildren();
  for (const value of ['party', 'business']) {
    const option = make('option', '', track);
    option.value = value;
    option.textContent = text[value] ?? value;
  }
  const inspector = byId('fn-inspector');
  inspector.replaceChildren();
  for (const id of choices.filter((c) => c != null)) {
    const option = make('option', '', inspector);
    option.value = id;
    option.textContent = name(id);
  }
  byId('fn-inspector-field').hidden = inspector.options.length === 0;
  const message = byId('fn-message');
  const say = (words, ok) => { setText(message, words); message.classList.toggle('ok', ok); };
  form.onsubmit = async (event) => {
    event.preventDefault();
    const words = byId('fn-text').value.trim();
    if (!words) { say(text.raiseEmpty, false); return; }
    const body = { unitId: unit.id, text: words, due: due.value, track: track.value };
    if (inspector.options.length) body.inspectorUnitId = inspector.value;
    const submit = byId('fn-submit');
    submit.disabled = true;
    say(text.raising, true);
    const outcome = await recordFinding(inspection.id, body).finally(() => { submit.disabled = false; });
    switch (outcome.kind) {
      case 'saved':
        byId('fn-text').value = '';
        say(text.raised(unit.name, outcome.finding.taskId ?? `f-${outcome.finding.id}`), true);
        await recorded?.(outcome.finding);
        break;
      case 'forbidden': say(text.raiseForbidden, false); break;
      case 'invalid': case 'refused': say(text.raiseRefused(outcome.detail), false); break;
      default: say(text.raiseFailed, false);
    }
  };
}
