// The API as the workbench uses it, with the session cookie (same origin). Every answer is
// turned into an outcome the page can show; nothing here retries a write.

const jsonHeaders = { Accept: 'application/json' };

/** Thrown when the session has ended: the page goes back to the sign-in form. */
export class SignedOut extends Error {}

/** A 400's problem details: { detail, errors } where errors maps field names to their messages. */
async function problemOf(answer) {
  try {
    const problem = await answer.json();
    const errors = problem?.errors && typeof problem.errors === 'object' ? problem.errors : {};
    return { detail: typeof problem?.detail === 'string' ? problem.detail : '', errors };
  } catch {
    return { detail: '', errors: {} };
  }
}

async function problemDetail(answer) {
  try {
    const problem = await answer.json();
    if (problem?.errors && typeof problem.errors === 'object') {
      return Object.values(problem.errors).flat().filter((m) => typeof m === 'string').join(' ');
    }
    return typeof problem?.detail === 'string' ? problem.detail : '';
  } catch {
    return '';
  }
}

/** GET as JSON; null for 404; throws SignedOut for 401 and Error otherwise. */
export async function getJson(url) {
  const answer = await fetch(url, { cache: 'no-store', headers: jsonHeaders });
  if (answer.status === 401) throw new SignedOut();
  if (answer.status === 404) return null;
  if (!answer.ok) throw new Error(`${url}: ${answer.status}`);
  return answer.json();
}

const taskUrl = (unitId, taskId) =>
  `/api/v1/units/${encodeURIComponent(unitId)}/tasks/${encodeURIComponent(taskId)}`;

/**
 * PATCH one task as a JSON merge patch that applies only to the version the person saw.
 * Answers { kind: 'saved', task } | { kind: 'conflict', task } (task: its value now, or null
 * when it is gone) | { kind: 'forbidden' } | { kind: 'invalid', detail } | { kind: 'gone' } | { kind: 'failed' }.
 */
export async function patchTask(unitId, taskId, version, patch) {
  let answer;
  try {
    answer = await fetch(taskUrl(unitId, taskId), {
      method: 'PATCH',
      cache: 'no-store',
      headers: { ...jsonHeaders, 'Content-Type': 'application/merge-patch+json', 'If-Match': `"${version}"` },
      body: JSON.stringify(patch),
    });
  } catch {
    return { kind: 'failed' };
  }
  if (answer.ok) return { kind: 'saved', task: await answer.json() };
  switch (answer.status) {
    case 401: throw new SignedOut();
    case 403: return { kind: 'forbidden' };
    case 404: return { kind: 'gone' };
    case 400: {
      const problem = await problemOf(answer);
      const detail = Object.values(problem.errors).flat().filter((m) => typeof m === 'string').join(' ') || problem.detail;
      return { kind: 'invalid', detail, errors: problem.errors };
    }
    case 412: {
      // Someone else wrote first: fetch what the task is now, to show it, never to retry.
      try {
        return { kind: 'conflict', task: await getJson(taskUrl(unitId, taskId)) };
      } catch (error) {
        if (error instanceof SignedOut) throw error;
        return { kind: 'conflict', task: null };
      }
    }
    default: return { kind: 'failed' };
  }
}

/**
 * POST an acknowledgement with the person's note. Answers { kind: 'saved', alert } |
 * { kind: 'forbidden' } | { kind: 'resolved' } (409: it cleared meanwhile) | { kind: 'gone' } |
 * { kind: 'invalid', detail } | { kind: 'failed' }.
 */
export async function acknowledgeAlert(alertId, note) {
  let answer;
  try {
    answer = await fetch(`/api/v1/alerts/${encodeURIComponent(alertId)}/acknowledge`, {
      method: 'POST',
      cache: 'no-store',
      headers: { ...jsonHeaders, 'Content-Type': 'application/json' },
      body: JSON.stringify({ note }),
    });
  } catch {
    return { kind: 'failed' };
  }
  if (answer.ok) return { kind: 'saved', alert: await answer.json() };
  switch (answer.status) {
    case 401: throw new SignedOut();
    case 403: return { kind: 'forbidden' };
    case 404: return { kind: 'gone' };
    case 409: return { kind: 'resolved' };
    case 400: return { kind: 'invalid', detail: await problemDetail(answer) };
    default: return { kind: 'failed' };
  }
}

/**
 * POST a new task. Answers { kind: 'saved', task } | { kind: 'invalid', detail, errors } |
 * { kind: 'forbidden' } | { kind: 'refused', detail } (409: the id is taken or the unit is full) | { kind: 'failed' }.
 */
export async function createTask(unitId, body) {
  let answer;
  try {
    answer = await fetch(`/api/v1/units/${encodeURIComponent(unitId)}/tasks`, {
      method: 'POST',
      cache: 'no-store',
      headers: { ...jsonHeaders, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    return { kind: 'failed' };
  }
  if (answer.ok) return { kind: 'saved', task: await answer.json() };
  switch (answer.status) {
    case 401: throw new SignedOut();
    case 403: return { kind: 'forbidden' };
    case 404: return { kind: 'gone' };
    case 400: return { kind: 'invalid', ...(await problemOf(answer)) };
    case 409: return { kind: 'refused', detail: (await problemOf(answer)).detail };
    default: return { kind: 'failed' };
  }
}

/**
 * DELETE one task, only at the version the person saw. Answers { kind: 'deleted' } |
 * { kind: 'conflict', task } (412: it changed meanwhile; task as it is now) | { kind: 'gone' } |
 * { kind: 'forbidden' } | { kind: 'failed' }.
 */
export async function deleteTask(unitId, taskId, version) {
  let answer;
  try {
    answer = await fetch(taskUrl(unitId, taskId), {
      method: 'DELETE',
      cache: 'no-store',
      headers: { ...jsonHeaders, 'If-Match': `"${version}"` },
    });
  } catch {
    return { kind: 'failed' };
  }
  if (answer.ok) return { kind: 'deleted' };
  switch (answer.status) {
    case 401: throw new SignedOut();
    case 403: return { kind: 'forbidden' };
    case 404: return { kind: 'gone' };
    case 412:
      try {
        return { kind: 'conflict', task: await getJson(taskUrl(unitId, taskId)) };
      } catch (error) {
        if (error instanceof SignedOut) throw error;
        return { kind: 'conflict', task: null };
      }
    default: return { kind: 'failed' };
  }
}

/**
 * POST a directive (交办): work handed from the issuer to many units below it. Answers
 * { kind: 'saved', directive } (201, or 202 while its copies are still being placed) |
 * { kind: 'invalid', detail, errors } | { kind: 'forbidden' } | { kind: 'refused', detail } (409) | { kind: 'failed' }.
 */
export async function createDirective(body) {
  let answer;
  try {
    answer = await fetch('/api/v1/directives', {
      method: 'POST',
      cache: 'no-store',
      headers: { ...jsonHeaders, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    return { kind: 'failed' };
  }
  if (answer.ok) return { kind: 'saved', directive: await answer.json() };
  switch (answer.status) {
    case 401: throw new SignedOut();
    case 403: return { kind: 'forbidden' };
    case 400: return { kind: 'invalid', ...(await problemOf(answer)) };
    case 409: return { kind: 'refused', detail: (await problemOf(answer)).detail };
    default: return { kind: 'failed' };
  }
}
