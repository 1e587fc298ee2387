// Users: the list, create (POST /users, with a generated initial password), change display
// name / role / unit, disable and enable, reset a password (a strong one made here with
// crypto.getRandomValues, PATCHed, shown once with a copy button). PATCH /users/{username}.

import { make, setText } from './dom.js';
import { pickerEntries } from './access.js';
import { call, strongPassword } from './admin-api.js';
import { explain } from './admin-i18n.js';
import { busy, fillSelect, refocus, refuse, say } from './admin-forms.js';

const ROLES = ['editor', 'leader', 'viewer', 'admin'];

export function usersPart(ctx) {
  const { text, byId, dialog, me } = ctx;
  const createForm = byId('user-create');
  const editForm = byId('user-edit');
  const createMessage = byId('nc-message');
  const editMessage = byId('ne-message');
  let users = [];
  let unitName = (id) => id;

  const roles = ROLES.map((r) => [r, text.roles[r]]);
  fillSelect(byId('nc-role'), roles, 'editor');
  fillSelect(byId('ne-role'), roles, 'editor');

  const find = (username) => users.find((u) => u.username === username);

  function fillEdit(username) {
    const user = find(username);
    editForm.hidden = !user;
    if (!user) return;
    byId('ne-user').value = user.username;
    byId('ne-display').value = user.displayName;
    byId('ne-role').value = user.role;
    byId('ne-unit').value = user.unitId ?? '';
    setText(byId('ne-disable'), user.disabled ? text.enable : text.disable);
  }

  function render(list, units) {
    users = [...(list ?? [])].sort((a, b) => (a.username < b.username ? -1 : 1));
    const byUnit = new Map((units ?? []).map((u) => [u.id, u]));
    unitName = (id) => byUnit.get(id)?.name ?? id;
    const unitEntries = [['', text.noUnit], ...pickerEntries(units ?? []).map((e) => [e.id, `${'\u3000'.repeat(e.depth)}${e.name}`])];
    const keepUnit = byId('nc-unit').value;
    fillSelect(byId('nc-unit'), unitEntries, byUnit.has(keepUnit) ? keepUnit : '');
    fillSelect(byId('ne-unit'), unitEntries, '');
    byId('user-list').replaceChildren(...users.map((user) => {
      const row = make('li', `admin-row${user.disabled ? ' is-disabled' : ''}`);
      row.dataset.username = user.username;
      const pick = make('button', 'row-pick', row);
      pick.type = 'button';
      make('span', 'row-main', pick).textContent = user.displayName + (user.username === me.username ? text.you : '');
      make('span', 'row-sub', pick).textContent = [user.username, text.roles[user.role] ?? user.role,
        user.unitId ? unitName(user.unitId) : '', user.disabled ? text.disabled : ''].filter(Boolean).join(' · ');
      pick.addEventListener('click', () => { fillEdit(user.username); say(editMessage, ''); byId('ne-display').focus(); });
      return row;
    }));
    const chosen = find(byId('ne-user').value)?.username ?? users[0]?.username;
    fillSelect(byId('ne-user'), users.map((u) => [u.username, `${u.displayName}（${u.username}）`]), chosen);
    fillEdit(chosen);
  }

  byId('ne-user').addEventListener('change', (event) => { fillEdit(event.target.value); say(editMessage, ''); });
  setText(byId('nc-generate'), text.generate);
  byId('nc-generate').addEventListener('click', () => {
    byId('nc-password').value = strongPassword();
    byId('nc-password').focus();
    byId('nc-password').select();
  });

  createForm.addEventListener('submit', (event) => {
    event.preventDefault();
    return busy(createForm, async () => {
      const body = {
        username: byId('nc-username').value.trim(),
        displayName: byId('nc-display').value,
        role: byId('nc-role').value,
        password: byId('nc-password').value,
      };
      if (byId('nc-unit').value) body.unitId = byId('nc-unit').value;
      const answer = await call('POST', '/api/v1/users', body);
      if (!answer.ok) return refuse(createForm, createMessage, explain(text, answer, ctx.unitName), answer.errors);
      say(createMessage, text.userCreated(answer.body.displayName));
      for (const id of ['nc-username', 'nc-display', 'nc-password']) byId(id).value = '';
      await ctx.refresh();
      refocus(createForm, byId('nc-username'));
    })();
  });

  async function patch(user, body, done) {
    const answer = await call('PATCH', `/api/v1/users/${encodeURIComponent(user.username)}`, body);
    if (!answer.ok) {
      refuse(editForm, editMessage, explain(text, answer, ctx.unitName), answer.errors);
      return null;
    }
    if (done) say(editMessage, done(answer.body.displayName));
    await ctx.refresh();
    return answer.body;
  }

  editForm.addEventListener('submit', (event) => {
    event.preventDefault();
    return busy(editForm, async () => {
      const user = find(byId('ne-user').value);
      if (!user) return;
      const body = {};
      const displayName = byId('ne-display').value;
      if (displayName.trim() !== user.displayName) body.displayName = displayName;
      if (byId('ne-role').value !== user.role) body.role = byId('ne-role').value;
      const unitId = byId('ne-unit').value || null;
      if (unitId !== (user.unitId ?? null)) body.unitId = unitId;
      if (Object.keys(body).length === 0) return say(editMessage, text.nothingChanged);
      await patch(user, body, text.userSaved);
    })();
  });

  byId('ne-disable').addEventListener('click', busy(editForm, async () => {
    const user = find(byId('ne-user').value);
    if (!user) return;
    await patch(user, { disabled: !user.disabled }, user.disabled ? text.userEnabled : text.userDisabled);
  }));

  byId('ne-reset').addEventListener('click', async () => {
    const user = find(byId('ne-user').value);
    if (!user) return;
    if (!await dialog.confirm(text.confirmReset(user.displayName), text.resetPassword)) return;
    const password = strongPassword();
    const changed = await patch(user, { password }, null);
    if (!changed) return;
    say(editMessage, '');
    await dialog.showOnce(text.newPassword(user.displayName), text.shownOnce, password);
  });

  return { render };
}
