// Wall links (kiosks): the list, create (POST /kiosks: the answer carries the link, on
// Cascade:PublicUrl, and its QR code made by the server; both shown once), revoke with a
// confirmation (DELETE /kiosks/{id}).

import { button, make } from './dom.js';
import { pickerEntries } from './access.js';
import { call } from './admin-api.js';
import { explain } from './admin-i18n.js';
import { busy, fillSelect, refuse, say, wholeNumber } from './admin-forms.js';

export function kiosksPart(ctx) {
  const { text, byId, dialog, formatTime } = ctx;
  const form = byId('kiosk-create');
  const message = byId('kc-message');

  function render(list, units) {
    const byUnit = new Map((units ?? []).map((u) => [u.id, u]));
    const entries = pickerEntries(units ?? []).map((e) => [e.id, `${'\u3000'.repeat(e.depth)}${e.name}`]);
    const keep = byUnit.has(byId('kc-unit').value) ? byId('kc-unit').value : entries[0]?.[0];
    fillSelect(byId('kc-unit'), entries, keep);
    const kiosks = [...(list ?? [])].sort((a, b) => (Date.parse(b.createdAt) || 0) - (Date.parse(a.createdAt) || 0));
    byId('kiosk-list').replaceChildren(...kiosks.map((kiosk) => {
      const row = make('li', 'admin-row kiosk-row');
      row.dataset.kioskId = kiosk.id;
      const words = make('div', 'row-words', row);
      make('span', 'row-main', words).textContent = kiosk.name;
      make('span', 'row-sub', words).textContent = [
        text.kioskLine(byUnit.get(kiosk.unitId)?.name ?? kiosk.unitId, kiosk.depth),
        text.createdAt(formatTime(kiosk.createdAt)),
        kiosk.lastSeenAt ? text.lastSeen(formatTime(kiosk.lastSeenAt)) : text.neverSeen,
      ].join(' · ');
      const revoke = button(row, 'danger', text.revoke);
      revoke.setAttribute('aria-label', `${text.revoke} ${kiosk.name}`);
      revoke.addEventListener('click', async () => {
        if (!await dialog.confirm(text.confirmRevoke(kiosk.name), text.revoke)) return;
        const answer = await call('DELETE', `/api/v1/kiosks/${encodeURIComponent(kiosk.id)}`);
        if (!answer.ok) return say(message, explain(text, answer, ctx.unitName), true);
        say(message, text.kioskRevoked(kiosk.name));
        await ctx.refresh();
        byId('kc-name').focus();
      });
      return row;
    }));
    byId('kiosk-empty').hidden = kiosks.length > 0;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    return busy(form, async () => {
      const body = { name: byId('kc-name').value, unitId: byId('kc-unit').value, depth: wholeNumber(byId('kc-depth')) ?? 2 };
      const answer = await call('POST', '/api/v1/kiosks', body);
      if (!answer.ok) return refuse(form, message, explain(text, answer, ctx.unitName), answer.errors);
      say(message, '');
      byId('kc-name').value = '';
      await ctx.refresh();
      await dialog.showOnce(text.kioskCreated(answer.body.name), text.kioskLinkNote, answer.body.url, answer.body.qr);
      byId('kc-name').focus();
    })();
  });

  return { render };
}
