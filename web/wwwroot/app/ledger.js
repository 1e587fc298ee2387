// The alert ledger (督办台账): /app/alerts?unit=<id>&rule=&severity=&state=&escalated=1&sort=&lang=
// Every open alert of a unit's subtree in one list, as GET /api/v1/alerts?unit=&subtree=true
// answers it, filtered and sorted here; acknowledged inline where the person may; exported to
// xlsx by the server from the same list with the same filters (GET /api/v1/alerts/export).
// Live: it follows the alerts as they change over /hubs/wall (ledger-live.js).

import { chooseLanguage } from './i18n.js';
import { strings } from './ledger-i18n.js';
import { SignedOut, getJson } from './api.js';
import { chooseUnit, indexUnits, mayAcknowledge, pickerEntries } from './access.js';
import { AlertRow } from './alerts.js';
import { placeChildren, setText } from './dom.js';
import { ledgerView } from './ledger-view.js';
import { LiveAlerts, subtreeDepth } from './ledger-live.js';
import { showAdminLink } from './admin-link.js';
import { showCover, signIn } from './page.js';
import { SilenceList } from './silences.js';

const RULES = ['taskOverdue', 'taskBlocked', 'taskStale', 'unitBehind', 'unitImbalance'];

const query = new URLSearchParams(location.search);
const lang = chooseLanguage(query, window.localStorage);
const text = strings(lang);
const byId = (id) => document.getElementById(id);

function fillSelect(select, entries, chosen) {
  select.replaceChildren();
  for (const [value, label] of entries) {
    const option = document.createElement('option');
    option.value = value;
    option.textContent = label;
    option.selected = value === chosen;
    select.appendChild(option);
  }
}

function timeFormatter() {
  const format = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN',
    { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return (iso) => {
    const t = Date.parse(iso);
    return Number.isFinite(t) ? format.format(t) : '';
  };
}

async function start() {
  document.documentElement.lang = text.lang;
  document.title = text.title;
  setText(byId('brand'), text.brand);
  setText(byId('sign-out'), text.signOut);
  showCover(text.loading);
  const [me, units] = await Promise.all([getJson('/api/v1/me'), getJson('/api/v1/units')]);
  const unitsById = indexUnits(units ?? []);
  const unitId = chooseUnit(query.get('unit')?.trim(), me, units ?? []);
  setText(byId('person'), text.person(me.displayName || me.username, text.roles[me.role] ?? me.role));
  showAdminLink(me, lang);
  const unit = unitsById.get(unitId);
  if (!unit) {
    showCover(text.unknownUnit(unitId ?? ''), true);
    return;
  }

  // The filters live in the address, so a filtered ledger is a link to share.
  const filters = {
    unit: unitId,
    rule: RULES.includes(query.get('rule')) ? query.get('rule') : '',
    severity: ['red', 'amber'].includes(query.get('severity')) ? query.get('severity') : '',
    state: ['firing', 'acknowledged'].includes(query.get('state')) ? query.get('state') : '',
    sort: query.get('sort') === 'severity' ? 'severity' : 'since',
    escalated: query.get('escalated') === '1',
    tag: (query.get('tag') ?? '').trim(),
  };
  const view = ledgerView(text, lang, filters, {
    byId, fillSelect, rules: RULES,
    entries: pickerEntries(units).map((e) => [e.id, `${'\u3000'.repeat(e.depth)}${e.name}`]),
  });
  setText(byId('ledger-title'), text.ledgerTitle(unit.name));

  const formatTime = timeFormatter();
  const ledger = {
    text,
    unitId: null, // every row names its unit
    unitName: (id) => unitsById.get(id)?.name ?? id,
    mayAnswer: (alert) => mayAcknowledge(me, alert, unitsById),
    formatTime,
    refresh: () => Promise.resolve(), // set below, once the list is live
    silences: {
      me, unitsById, lang, formatTime,
      changed: () => { ledger.refresh(); silences.refresh(); },
    },
  };
  // 静默列表: the scope's active silences, each with 结束 where the person may end it.
  const silences = new SilenceList(byId('silences'), {
    me, unitsById, lang, unitId, formatTime,
    unitName: (id) => unitsById.get(id)?.name ?? id,
    changed: () => { ledger.refresh(); silences.refresh(); },
    signIn: () => signIn(lang),
  });
  const rows = new Map(); // alert id -> AlertRow: a note being typed survives a refresh
  const list = byId('ledger-list');
  const empty = byId('ledger-empty');
  setText(empty, text.ledgerEmpty);

  let last = [];
  function render(alerts) {
    last = alerts ?? [];
    const shown = view.apply(alerts ?? []);
    const seen = new Set(shown.map((a) => a.id));
    for (const id of [...rows.keys()]) if (!seen.has(id)) rows.delete(id);
    placeChildren(list, shown.map((alert) => {
      let row = rows.get(alert.id);
      if (row) row.update(alert);
      else rows.set(alert.id, (row = new AlertRow(ledger, alert)));
      setText(row.time, `${text.since(formatTime(alert.since))}`);
      return row.element;
    }));
    empty.hidden = shown.length > 0;
    setText(byId('count'), text.ledgerCount(shown.length, (alerts ?? []).length));
    list.dataset.count = String(shown.length);
  }

  const url = `/api/v1/alerts?unit=${encodeURIComponent(unitId)}&subtree=true`;
  const liveState = byId('live-state');
  const live = new LiveAlerts({
    unitId,
    depth: subtreeDepth(units, unitId),
    read: () => getJson(url),
    units: () => getJson('/api/v1/units'),
    render,
    state(now) {
      // A quiet word beside the count; a mark for readers and tests.
      document.body.dataset.live = String(now === 'live');
      liveState.dataset.state = now;
      setText(liveState, text.liveStates[now]);
    },
    signIn: () => signIn(lang),
    reload: () => location.reload(),
  });
  ledger.refresh = () => live.refresh();
  view.onChange(() => render(last));
  byId('refresh').addEventListener('click', () => { live.refresh(); silences.refresh(); });
  await Promise.all([live.refresh(), silences.refresh()]);
  document.body.dataset.loaded = 'true';
  byId('cover').hidden = true;
  live.start();
}

start().catch((error) => {
  if (error instanceof SignedOut) signIn(lang);
  else showCover(String(error?.message ?? error), true);
});
