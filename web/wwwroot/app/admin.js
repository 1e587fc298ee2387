// The admin console /admin?lang=: the unit tree, users, wall links (kiosks) and notifications, through the
// public API only (admin-api.js), so every change is checked and audited there like any call.
// body[data-live=true] marks a page that has its data (the console has no live feed).

import { chooseLanguage } from './i18n.js';
import { strings } from './admin-i18n.js';
import { SignedOut } from './api.js';
import { load } from './admin-api.js';
import { setText } from './dom.js';
import { dialogs } from './admin-dialog.js';
import { describeFields } from './admin-forms.js';
import { unitsPart } from './admin-units.js';
import { usersPart } from './admin-users.js';
import { kiosksPart } from './admin-kiosks.js';
import { notifyPart } from './admin-notify.js';
import { showCover, signIn } from './page.js';

const query = new URLSearchParams(location.search);
const lang = chooseLanguage(query, window.localStorage);
const text = strings(lang);
const byId = (id) => document.getElementById(id);

function timeFormatter() {
  const format = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN',
    { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return (iso) => {
    const t = Date.parse(iso);
    return Number.isFinite(t) ? format.format(t) : '';
  };
}

const LABELS = {
  'admin-title': 'heading', 'nav-units': 'units', 'nav-users': 'users', 'nav-kiosks': 'kiosks',
  'units-title': 'units', 'users-title': 'users', 'kiosks-title': 'kiosks',
  'unit-create-title': 'createUnit', 'uc-id-text': 'unitId', 'uc-name-text': 'unitName', 'uc-kind-text': 'kind',
  'uc-parent-text': 'parent', 'uc-sort-text': 'sort', 'uc-submit': 'create',
  'unit-edit-title': 'editUnit', 'ue-unit-text': 'unit', 'ue-name-text': 'unitName', 'ue-kind-text': 'kind',
  'ue-parent-text': 'parent', 'ue-sort-text': 'sort', 'ue-submit': 'save', 'ue-delete': 'del',
  'user-create-title': 'createUser', 'nc-username-text': 'username', 'nc-display-text': 'displayName',
  'nc-role-text': 'role', 'nc-unit-text': 'unit', 'nc-password-text': 'password', 'nc-submit': 'create',
  'user-edit-title': 'editUser', 'ne-user-text': 'user', 'ne-display-text': 'displayName', 'ne-role-text': 'role',
  'ne-unit-text': 'unit', 'ne-submit': 'save', 'ne-reset': 'resetPassword',
  'kiosk-create-title': 'createKiosk', 'kc-name-text': 'kioskName', 'kc-unit-text': 'unit', 'kc-depth-text': 'depth',
  'kc-submit': 'create', 'kiosk-empty': 'noKiosks',
  'to-workbench': 'workbench', 'sign-out': 'signOut', brand: 'brand',
};

function chrome(me) {
  document.documentElement.lang = text.lang;
  document.title = text.title;
  for (const [id, key] of Object.entries(LABELS)) setText(byId(id), text[key]);
  const switcher = byId('lang-switch');
  setText(switcher, text.switchTo);
  switcher.lang = lang === 'en' ? 'zh-CN' : 'en';
  if (!switcher.dataset.wired) {
    switcher.dataset.wired = 'true';
    switcher.addEventListener('click', () => {
      const q = new URLSearchParams(location.search);
      q.set('lang', lang === 'en' ? 'zh' : 'en');
      location.assign(`${location.pathname}?${q}${location.hash}`);
    });
  }
  byId('to-workbench').hidden = false;
  if (me) setText(byId('person'), text.person(me.displayName || me.username, text.roles[me.role] ?? me.role));
}

async function start() {
  chrome(null);
  showCover(text.loading);
  const me = await load('/api/v1/me');
  chrome(me);
  if (me.role !== 'admin') {
    showCover(text.notAdmin, true);
    return;
  }
  const ctx = { text, byId, me, formatTime: timeFormatter(), dialog: dialogs(text, byId), unitName: (id) => id, refresh: async () => {} };
  describeFields(document);
  const units = unitsPart(ctx);
  const users = usersPart(ctx);
  const kiosks = kiosksPart(ctx);
  const notify = notifyPart(ctx, lang);
  ctx.refresh = async () => {
    const [unitList, userList, kioskList] = await Promise.all([load('/api/v1/units'), load('/api/v1/users'), load('/api/v1/kiosks')]);
    const names = new Map(unitList.map((u) => [u.id, u.name]));
    ctx.unitName = (id) => names.get(id) ?? id;
    units.render(unitList);
    users.render(userList, unitList);
    kiosks.render(kioskList, unitList);
    await notify.render();
  };
  await ctx.refresh();
  byId('cover').hidden = true;
  document.body.dataset.live = 'true';
}

start().catch((error) => {
  if (error instanceof SignedOut) signIn(lang);
  else showCover(String(error?.message ?? error), true);
});
