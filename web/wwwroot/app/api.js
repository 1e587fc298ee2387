// The API as the workbench uses it, with the session cookie (same origin). Every answer is
// turned into an outcome the page can show; nothing here retries a write.

const jsonHeaders = { Accept: 'application/json' };

/** Thrown when the session has ended: the page goes back to the sign-in form. */
export class SignedOut extends Error {}

/** A problem's details: { detail, errors } where errors maps field names to their messages. */
async function problemOf(answer) {
  try {
    const problem = await answer.json();
    const errors = problem?.errors && typeof problem.errors === 'object' ? problem.errors : {};
    return { detail: typeof problem?.detail === 'string' ? problem.detail : '', errors };
  } catch {
    return { detail: '', errors: {} };
  }
}

/** A 400 as { kind: 'invalid', detail, errors }: detail is every field's message, else the problem's detail. */
async function invalid(answer) {
  const problem = await problemOf(answer);
  const detail = Object.values(problem.errors).flat().filter((m) => typeof m === 'string').join(' ') || problem.detail;
  return { kind: 'invalid', detail, errors: problem.errors };
}

/** GET as JSON; null for 404; throws SignedOut for 401 and Error otherwise. */
export async function getJson(url) {
  const answer = await fetch(url, { cache: 'no-store', headers: jsonHeaders });
  if (answer.status === 401) throw new SignedOut();
  if (answer.status === 404) return null;
  if (!answer.ok) throw new Error(`${url}: ${answer.status}`);
  return answer.json();
}

/**
 * One write: the answer turned into an outcome. `ok(answer)` gives a success's outcome; `cases`
 * maps other statuses to outcome makers (a 400 is 'invalid' unless a case says otherwise).
 * 401 throws SignedOut, 403 is 'forbidden', 404 'gone', a network failure or anything else 'failed'.
 */
async function send(url, method, { body, ifMatch, contentType = 'application/json' } = {}, ok, cases = {}) {
  const headers = { ...jsonHeaders };
  if (body !== undefined) headers['Content-Type'] = contentType;
  if (ifMatch !== undefined) headers['If-Match'] = `"${ifMatch}"`;
  let answer;
  try {
    answer = await fetch(url, { method, cache: 'no-store', headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    return { kind: 'failed' };
  }
  if (answer.ok) return ok(answer);
  if (answer.status === 401) throw new SignedOut();
  if (cases[answer.status]) return cases[answer.status](answer);
  switch (answer.status) {
    case 400: return invalid(answer);
    case 403: return { kind: 'forbidden' };
    case 404: return { kind: 'gone' };
    default: return { kind: 'failed' };
  }
}

const taskUrl = (unitId, taskId) =>
  `/api/v1/units/${encodeURIComponent(unitId)}/tasks/${encodeURIComponent(taskId)}`;

/** A 412 on a task: what the task is now, to show it, never to retry (null when it is gone). */
async function taskConflict(unitId, taskId) {
  try {
    return { kind: 'conflict', task: await getJson(taskUrl(unitId, taskId)) };
  } catch (error) {
    if (error instanceof SignedOut) throw error;
    return { kind: 'conflict', task: null };
  }
}

/** A 409's detail as { kind: 'refused', detail }. */
const refused = async (answer) => ({ kind: 'refused', detail: (await problemOf(answer)).detail });

/**
 * PATCH one task as a JSON merge patch that applies only to the version the person saw.
 * Answers { kind: 'saved', task } | { kind: 'conflict', task } (task: its value now, or null
 * when it is gone) | { kind: 'forbidden' } | { kind: 'invalid', detail, errors } | { kind: 'gone' } |
 * { kind: 'refused', detail } (409: e.g. a directive's field on its copy) | { kind: 'failed' }.
 */
export function patchTask(unitId, taskId, version, patch) {
  return send(taskUrl(unitId, taskId), 'PATCH', { body: patch, ifMatch: version, contentType: 'application/merge-patch+json' },
    async (answer) => ({ kind: 'saved', task: await answer.json() }),
    { 412: () => taskConflict(unitId, taskId), 409: refused });
}

/**
 * POST an acknowledgement with the person's note. Answers { kind: 'saved', alert } |
 * { kind: 'forbidden' } | { kind: 'resolved' } (409: it cleared meanwhile) | { kind: 'gone' } |
 * { kind: 'invalid', detail } | { kind: 'failed' }.
 */
export function acknowledgeAlert(alertId, note) {
  return send(`/api/v1/alerts/${encodeURIComponent(alertId)}/acknowledge`, 'POST', { body: { note } },
    async (answer) => ({ kind: 'saved', alert: await answer.json() }),
    { 409: () => ({ kind: 'resolved' }) });
}

/**
 * POST a new task. Answers { kind: 'saved', task } | { kind: 'invalid', detail, errors } |
 * { kind: 'forbidden' } | { kind: 'refused', detail } (409: the id is taken or the unit is full) | { kind: 'failed' }.
 */
export function createTask(unitId, body) {
  return send(`/api/v1/units/${encodeURIComponent(unitId)}/tasks`, 'POST', { body },
    async (answer) => ({ kind: 'saved', task: await answer.json() }), { 409: refused });
}

/**
 * DELETE one task, only at the version the person saw. Answers { kind: 'deleted' } |
 * { kind: 'conflict', task } (412: it changed meanwhile; task as it is now) | { kind: 'gone' } |
 * { kind: 'forbidden' } | { kind: 'refused', detail } (409) | { kind: 'failed' }.
 */
export function deleteTask(unitId, taskId, version) {
  return send(taskUrl(unitId, taskId), 'DELETE', { ifMatch: version },
    () => ({ kind: 'deleted' }), { 412: () => taskConflict(unitId, taskId), 409: refused });
}

/**
 * POST a directive (交办): work handed from the issuer to many units below it. Answers
 * { kind: 'saved', directive } (201, or 202 while its copies are still being placed) |
 * { kind: 'invalid', detail, errors } | { kind: 'forbidden' } | { kind: 'refused', detail } (409) | { kind: 'failed' }.
 */
export function createDirective(body) {
  return send('/api/v1/directives', 'POST', { body },
    async (answer) => ({ kind: 'saved', directive: await answer.json() }), { 409: refused });
}

/**
 * POST a schedule (例行工作): a duty handed to the targets once a period. Answers { kind: 'saved', schedule }
 * (201, or 202 while its instances are still being placed) | { kind: 'invalid', detail, errors } |
 * { kind: 'forbidden' } | { kind: 'refused', detail } (409) | { kind: 'failed' }.
 */
export function createSchedule(body) {
  return send('/api/v1/schedules', 'POST', { body },
    async (answer) => ({ kind: 'saved', schedule: await answer.json() }), { 409: refused });
}

/** PATCH a schedule at the version the person saw: as createSchedule, and { kind: 'conflict' } (412). */
export function patchSchedule(id, version, patch) {
  return send(`/api/v1/schedules/${encodeURIComponent(id)}`, 'PATCH', { body: patch, ifMatch: version, contentType: 'application/merge-patch+json' },
    async (answer) => ({ kind: 'saved', schedule: await answer.json() }), { 409: refused, 412: () => ({ kind: 'conflict' }) });
}

/** DELETE a schedule: its instances stay as their units' own tasks. { kind: 'deleted' } | 'forbidden' | 'gone' | 'failed'. */
export function deleteSchedule(id) {
  return send(`/api/v1/schedules/${encodeURIComponent(id)}`, 'DELETE', {}, () => ({ kind: 'deleted' }), { 409: refused });
}

/**
 * POST a finding's decision: `confirm` (销号) or `reopen` (退回). Answers { kind: 'saved', finding } |
 * { kind: 'forbidden' } | { kind: 'refused', detail } (409: not awaiting sign-off) | { kind: 'invalid', detail } | { kind: 'gone' } | { kind: 'failed' }.
 */
export function decideFinding(id, action, body) {
  return send(`/api/v1/findings/${encodeURIComponent(id)}/${action}`, 'POST', { body },
    async (answer) => ({ kind: 'saved', finding: await answer.json() }), { 409: refused });
}

/** POST a finding (提出整改) on an inspection: { kind: 'saved', finding } or a refusal (409 with its detail). */
export function recordFinding(inspectionId, body) {
  return send(`/api/v1/inspections/${encodeURIComponent(inspectionId)}/findings`, 'POST', { body },
    async (answer) => ({ kind: 'saved', finding: await answer.json() }), { 409: refused });
}
