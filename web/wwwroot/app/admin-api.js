// The public API as the admin console calls it (same origin, the session cookie): every answer
// becomes { ok: true, status, body } or { ok: false, status, detail, errors } for the page to
// put into words (admin-i18n.js explain). A 401 means the session ended: SignedOut.

import { SignedOut } from './api.js';

const accept = { Accept: 'application/json' };

/** One call; `body` is sent as JSON (a merge patch for PATCH). Never retried. */
export async function call(method, url, body) {
  const headers = { ...accept };
  if (body !== undefined) headers['Content-Type'] = method === 'PATCH' ? 'application/merge-patch+json' : 'application/json';
  let answer;
  try {
    answer = await fetch(url, { method, cache: 'no-store', headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    return { ok: false, status: 0, detail: '', errors: null };
  }
  if (answer.status === 401) throw new SignedOut();
  let parsed = null;
  if (answer.status !== 204) {
    try { parsed = await answer.json(); } catch { parsed = null; }
  }
  if (answer.ok) return { ok: true, status: answer.status, body: parsed };
  return {
    ok: false,
    status: answer.status,
    detail: typeof parsed?.detail === 'string' ? parsed.detail : '',
    errors: parsed?.errors && typeof parsed.errors === 'object' ? parsed.errors : null,
  };
}

/** GET that must succeed: the body, or throws with the status. */
export async function load(url) {
  const answer = await call('GET', url);
  if (!answer.ok) throw new Error(`${url}: ${answer.status}`);
  return answer.body;
}

const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/**
 * A strong random password from the browser's cryptographic generator: 16 characters of an
 * alphabet without look-alikes (0/O, 1/l/I), about 93 bits, unbiased (rejection sampling).
 */
export function strongPassword(length = 16) {
  const limit = 256 - (256 % PASSWORD_ALPHABET.length);
  let password = '';
  const bytes = new Uint8Array(64);
  while (password.length < length) {
    crypto.getRandomValues(bytes);
    for (const b of bytes) {
      if (b < limit && password.length < length) password += PASSWORD_ALPHABET[b % PASSWORD_ALPHABET.length];
    }
  }
  return password;
}
