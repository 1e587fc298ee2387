// Inspections (督查): /app/inspections?lang=  lists them and, for admins and leaders, captures one;
// /app/inspections?id=<id>&unit=<unit> shows one inspection's frozen tree (inspection-view.js).
// Everything is read from and written through the API (docs/api.md "Inspections").

import { strings, currentQuarter, timeFormatter } from './inspections-i18n.js';
import { chooseLanguage } from './i18n.js';
import { SignedOut, getJson } from './api.js';
import { indexUnits, pickerEntries } from './access.js';
import { make, setText } from './dom.js';
import { showAdminLink } from './admin-link.js';
import { showCover, signIn } from './page.js';
import { InspectionView } from './inspection-view.js';

const query = new URLSearchParams(location.search);
const lang = chooseLanguage(query, window.localStorage);
const text = strings(lang);
const byId = (id) => document.getElementById(id);
const langPart = query.get('lang') ? `&lang=${lang}` : '';

/** A fresh inspection id (the unit id rule): the period and a random tail, so a repeated click never collides. */
function newId(period) {
  const tail = Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) => b.toString(16).padStart(2, '0')).join('');
  return `dc-${period.toLowerCase().replace(/[^a-z0-9-]/g, '')}-${tail}`.slice(0, 64);
}

function fillStatic(me) {
  document.documentElement.lang = text.lang;
  document.title = text.title;
  setText(byId('brand'), text.brand);
  setText(byId('sign-out'), text.signOut);
  setText(byId('person'), text.person(me.displayName || me.username, text.roles[me.role] ?? me.role));
  const other = lang === 'en' ? 'zh' : 'en';
  const switcher = byId('lang-switch');
  switcher.textContent = text.switchTo;
  switcher.addEventListener('click', () => {
    const next = new URLSearchParams(location.search);
    next.set('lang', other);
    location.assign(`${location.pathname}?${next}`);
  });
  const toApp = byId('to-app');
  toApp.textContent = `‹ ${text.workbench}`;
  toApp.href = `/app${query.get('lang') ? `?lang=${lang}` : ''}`;
  showAdminLink(me, lang);
}

function renderList(list, unitsById, formatTime) {
  const items = byId('list');
  items.replaceChildren();
  for (const inspection of list) {
    const item = make('li', `insp-item state-${inspection.state}`, items);
    item.dataset.inspection = inspection.id;
    const link = make('a', 'insp-item-title', item);
    link.href = `/app/inspections?id=${encodeURIComponent(inspection.id)}${langPart}`;
    link.textContent = inspection.title;
    const facts = make('span', 'insp-item-facts', item);
    for (const [cls, value] of [
      ['period', text.periodName(inspection.period)],
      ['scope', unitsById.get(inspection.unitId)?.name ?? inspection.unitId],
      ['state', text.states[inspection.state] ?? inspection.state],
      ['taken', text.takenAt(formatTime(inspection.takenAt))],
    ]) setText(make('span', `fact ${cls}`, facts), value);
  }
  byId('list-empty').hidden = list.length > 0;
}

function fillOptions(select, units, chosen) {
  select.replaceChildren();
  for (const entry of pickerEntries(units)) {
    const option = make('option', '', select);
    option.value = entry.id;
    option.textContent = `${'\u3000'.repeat(entry.depth)}${entry.name}`;
    option.selected = entry.id === chosen;
  }
}

/** The capture form: admins and leaders only (the server decides; a 403 says so). */
function captureForm(units, root) {
  const form = byId('new-form');
  for (const [id, key] of [['new-title', 'newTitle'], ['new-note', 'newNote'], ['f-title', 'fTitle'], ['f-period', 'fPeriod'],
    ['f-period-hint', 'fPeriodHint'], ['f-scope', 'fScope'], ['f-inspectors', 'fInspectors'], ['capture', 'capture']]) setText(byId(id), text[key]);
  const period = byId('period');
  const title = byId('title');
  period.value = currentQuarter();
  title.value = text.defaultTitle(period.value);
  let titleTouched = false;
  title.addEventListener('input', () => { titleTouched = true; });
  period.addEventListener('input', () => { if (!titleTouched) title.value = text.defaultTitle(period.value.trim().toLowerCase()); });
  fillOptions(byId('scope'), units, root);
  fillOptions(byId('inspectors'), units, null);
  const message = byId('new-message');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = byId('capture');
    const chosenPeriod = period.value.trim().toLowerCase();
    const body = {
      id: newId(chosenPeriod),
      title: title.value.trim(),
      period: chosenPeriod,
      unitId: byId('scope').value,
      inspectorUnitIds: [...byId('inspectors').selectedOptions].map((o) => o.value),
    };
    button.disabled = true;
    setText(message, text.capturing);
    let answer;
    try {
      answer = await fetch('/api/v1/inspections', {
        method: 'POST', cache: 'no-store', headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify(body),
      });
    } catch {
      answer = null;
    }
    button.disabled = false;
    if (answer?.status === 401) { signIn(lang); return; }
    if (answer?.ok) {
      location.assign(`/app/inspections?id=${encodeURIComponent(body.id)}${langPart}`);
      return;
    }
    if (answer?.status === 403) { setText(message, text.forbidden); return; }
    if (!answer) { setText(message, text.failed); return; }
    let detail = '';
    try {
      const problem = await answer.json();
      detail = Object.values(problem?.errors ?? {}).flat().join(' ') || problem?.detail || '';
    } catch { /* no body */ }
    setText(message, detail ? text.refused(detail) : text.failed);
  });
  form.hidden = false;
}

async function start() {
  showCover(text.loading ?? '…');
  const [me, units] = await Promise.all([getJson('/api/v1/me'), getJson('/api/v1/units')]);
  fillStatic(me);
  const unitsById = indexUnits(units ?? []);
  const formatTime = timeFormatter(lang);
  const id = query.get('id')?.trim();
  if (id) {
    const toList = byId('to-list');
    toList.textContent = text.back;
    toList.href = `/app/inspections${query.get('lang') ? `?lang=${lang}` : ''}`;
    toList.hidden = false;
    const view = new InspectionView(text, { id, unit: query.get('unit')?.trim() || null, unitsById, formatTime, lang, langPart, me });
    await view.show();
    return;
  }
  setText(byId('list-title'), text.listTitle);
  setText(byId('list-note'), text.listNote);
  setText(byId('list-empty'), text.none);
  const root = (units ?? []).find((u) => u.parentId == null)?.id ?? null;
  if (me.role === 'admin' || me.role === 'leader') captureForm(units ?? [], root);
  const list = (await getJson('/api/v1/inspections')) ?? [];
  renderList(list, unitsById, formatTime);
  byId('list-section').hidden = false;
  byId('cover').hidden = true;
  document.body.dataset.loaded = 'true';
  // A capture under way: the list follows until every one is frozen (the form keeps what is typed).
  let waiting = list.some((i) => i.state !== 'captured');
  while (waiting) {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    try {
      const now = (await getJson('/api/v1/inspections')) ?? [];
      renderList(now, unitsById, formatTime);
      waiting = now.some((i) => i.state !== 'captured');
    } catch (error) {
      if (error instanceof SignedOut) throw error;
    }
  }
}

start().catch((error) => {
  if (error instanceof SignedOut) signIn(lang);
  else showCover(String(error?.message ?? error), true);
});
