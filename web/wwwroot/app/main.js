// The branch workbench (工作台): /app?unit=<id>&lang=zh|en
// A signed-in person sees one unit's summary (the wall's figures) and its tasks by track, and
// reports status, progress and notes where they may write. Live through /hubs/wall.

import { chooseLanguage, strings } from './i18n.js';
import { SignedOut, getJson } from './api.js';
import { chooseUnit, indexUnits, mayAcknowledge, mayWrite, pickerEntries } from './access.js';
import { AlertList } from './alerts.js';
import { SummaryView } from './summary.js';
import { TaskList } from './tasks.js';
import { DirectiveSection, unitsBelow } from './directives.js';
import { FindingSection } from './findings.js';
import { ScheduleSection } from './schedules.js';
import { todayIn } from './periods.js';
import { WallConnection, retryDelay } from '../wall/connection.js';
import { showAdminLink } from './admin-link.js';
import { showCover, signIn } from './page.js';
import { TrendChart } from './trend.js';

const FALLBACK_REFRESH_MS = 30000; // while the hub is down, read the API instead
const FINDINGS_REFRESH_MS = 15000; // findings raised here move with another unit's reports

const query = new URLSearchParams(location.search);
const lang = chooseLanguage(query, window.localStorage);
const text = strings(lang);
const byId = (id) => document.getElementById(id);
const cover = byId('cover');
const banner = byId('banner');

function addressWith(changes) {
  const next = new URLSearchParams(location.search);
  for (const [key, value] of Object.entries(changes)) next.set(key, value);
  return `${location.pathname}?${next}`;
}

function fillStaticText() {
  document.documentElement.lang = text.lang;
  document.title = text.title;
  byId('brand').textContent = text.brand;
  byId('sign-out').textContent = text.signOut;
  byId('picker-text').textContent = text.unit;
  // 督查: the inspections (the list, capturing one, their frozen figures and reports).
  byId('to-inspections').textContent = text.inspectionsLink;
  if (query.get('lang')) byId('to-inspections').href = `/app/inspections?lang=${lang}`;
  const other = lang === 'en' ? 'zh' : 'en';
  const switcher = byId('lang-switch');
  switcher.textContent = text.switchTo;
  switcher.lang = other === 'en' ? 'en' : 'zh-CN';
  switcher.addEventListener('click', () => location.assign(addressWith({ lang: other })));
}

function fillPicker(units, shown) {
  const picker = byId('picker');
  picker.replaceChildren();
  for (const entry of pickerEntries(units)) {
    const option = document.createElement('option');
    option.value = entry.id;
    option.textContent = `${'\u3000'.repeat(entry.depth)}${entry.name}`;
    option.selected = entry.id === shown;
    picker.appendChild(option);
  }
  picker.addEventListener('change', () => location.assign(addressWith({ unit: picker.value })));
}

function timeFormatter(timeZone) {
  let format;
  try {
    format = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN',
      { timeZone: timeZone || undefined, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  } catch {
    return timeFormatter(null);
  }
  return (iso) => {
    const t = Date.parse(iso);
    return Number.isFinite(t) ? format.format(t) : '';
  };
}

async function load() {
  for (let attempt = 0; ; attempt++) {
    try {
      const [me, units] = await Promise.all([getJson('/api/v1/me'), getJson('/api/v1/units')]);
      return { me, units: units ?? [] };
    } catch (error) {
      if (error instanceof SignedOut) throw error;
      await new Promise((resolve) => setTimeout(resolve, retryDelay(attempt)));
    }
  }
}

async function start() {
  fillStaticText();
  showCover(text.loading);
  const { me, units } = await load();
  const unitsById = indexUnits(units);
  const unitId = chooseUnit(query.get('unit')?.trim(), me, units);
  byId('person').textContent = text.person(me.displayName || me.username, text.roles[me.role] ?? me.role);
  showAdminLink(me, lang);
  fillPicker(units, unitId);
  const unit = unitsById.get(unitId);
  if (!unit) {
    showCover(text.unknownUnit(unitId ?? ''), true);
    return;
  }

  let formatTime = timeFormatter(null);
  let timeZone = null; // the department's (the hub's snapshot says it): its date is the duties' today
  const today = () => todayIn(timeZone);
  const summary = new SummaryView(text);
  // The unit's 90-day trend under its figures, read on load and once a day (app/trend.js).
  const trend = new TrendChart(text, byId('summary-cards'), { unitId, timeZone: () => timeZone, signedOut: () => signIn(lang) });
  const compareLink = byId('compare-link'); // 此前与现在, in the trend's heading: two dates or inspections side by side
  compareLink.textContent = text.compareLink;
  compareLink.href = `/app/compare?unit=${encodeURIComponent(unitId)}${query.get('lang') ? `&lang=${lang}` : ''}`;
  const unitName = (id) => unitsById.get(id)?.name ?? id;
  const tasks = new TaskList(text, unitId, (iso) => formatTime(iso), unitName, today);
  // 交办事项: what this unit handed down, and (for its editors) handing down more.
  const issued = new DirectiveSection(text, byId('directives'), { unitId, units, formatTime: (iso) => formatTime(iso), unitName, signedOut: () => signIn(lang) });
  // 例行工作: the schedules this unit set, each across its targets by period; setting more.
  const duties = new ScheduleSection(text, byId('schedules'), { unitId, below: unitsBelow(unitId, units), today, signedOut: () => signIn(lang) });
  // 督查整改: the findings this unit must put right, and those it raised as an inspector unit.
  const findings = new FindingSection(text, byId('findings'), { unitId, unitName, signedOut: () => signIn(lang) });
  const access = byId('access');
  const setWritable = (writable) => {
    tasks.setWritable(writable);
    issued.setWritable(writable);
    duties.setWritable(writable);
    document.body.dataset.writable = String(writable);
    access.textContent = writable ? text.mayWrite : text.readOnly;
    access.classList.toggle('read-only', !writable);
    access.hidden = false;
  };
  setWritable(mayWrite(me, unitId, unitsById));
  tasks.onForbidden = () => setWritable(false); // the server is the authority
  tasks.onChanged = () => refresh(true); // a task created or deleted here: the list and figures as the server has them

  // The open alerts of the unit's whole subtree (those escalated to it come from below); read
  // again whenever the hub says they moved. The ledger (督办台账) filters, sorts and exports them.
  const alertsUrl = `/api/v1/alerts?unit=${encodeURIComponent(unitId)}&subtree=true`;
  let readingAlerts = null;
  let readAlertsAgain = false;
  function refreshAlerts() {
    if (readingAlerts) { readAlertsAgain = true; return readingAlerts; }
    readingAlerts = (async () => {
      do {
        readAlertsAgain = false;
        try {
          alerts.render(await getJson(alertsUrl));
        } catch (error) {
          if (error instanceof SignedOut) signIn(lang);
        }
      } while (readAlertsAgain);
    })().finally(() => { readingAlerts = null; });
    return readingAlerts;
  }
  const alerts = new AlertList(text, {
    unitId,
    unitName: (id) => unitsById.get(id)?.name ?? id,
    mayAnswer: (alert) => mayAcknowledge(me, alert, unitsById),
    formatTime: (iso) => formatTime(iso),
    refresh: refreshAlerts,
    silences: { me, unitsById, lang, formatTime: (iso) => formatTime(iso), changed: () => refreshAlerts() },
  });
  const ledgerLink = document.createElement('a');
  ledgerLink.className = 'ledger-link';
  ledgerLink.href = `/app/alerts?unit=${encodeURIComponent(unitId)}${query.get('lang') ? `&lang=${lang}` : ''}`;
  ledgerLink.textContent = text.openLedger;
  byId('alerts').querySelector('.alerts-heading')?.appendChild(ledgerLink);
  // The year report (述职评议考核 material) of this unit and the units below it: a printable page.
  const reportLink = document.createElement('a');
  reportLink.className = 'report-link';
  reportLink.id = 'report-link';
  reportLink.href = `/report?unit=${encodeURIComponent(unitId)}${lang === 'en' ? '&lang=en' : ''}`;
  reportLink.textContent = text.openReport;
  byId('unit-name').after(reportLink);
  let openAlerts = null;
  let dutyFigures = null;
  const summaryChanged = (figures) => {
    summary.update(unit.name, figures);
    // An instance below held or turned: the schedules' held/due and open grids follow.
    const now = JSON.stringify(figures?.duties ?? null);
    if (dutyFigures !== null && now !== dutyFigures) duties.refresh();
    dutyFigures = now;
    // An alert below climbing here, or one of ours resolving, moves the count.
    if (figures && figures.openAlerts !== openAlerts) {
      if (openAlerts !== null) refreshAlerts();
      openAlerts = figures.openAlerts;
    }
  };

  const taskUrl = `/api/v1/units/${encodeURIComponent(unitId)}/tasks`;
  const summaryUrl = `/api/v1/units/${encodeURIComponent(unitId)}/summary`;
  let reading = null;
  let readAgain = false;
  let wantSummary = false;
  /** Reads the tasks (and the summary when asked); one read at a time, and once more if asked meanwhile. */
  function refresh(withSummary) {
    wantSummary ||= withSummary;
    if (reading) { readAgain = true; return reading; }
    reading = (async () => {
      do {
        readAgain = false;
        const summaryToo = wantSummary;
        wantSummary = false;
        try {
          const [list, figures] = await Promise.all([getJson(taskUrl), summaryToo ? getJson(summaryUrl) : null]);
          if (list) tasks.render(list);
          if (figures) summaryChanged(figures);
        } catch (error) {
          if (error instanceof SignedOut) signIn(lang);
        }
      } while (readAgain);
    })().finally(() => { reading = null; });
    return reading;
  }

  await Promise.all([refresh(true), refreshAlerts(), issued.refresh(), duties.refresh(), findings.refresh(), trend.refresh()]);
  cover.hidden = true;

  let firstBuild = null;
  const connection = new WallConnection({
    hubUrl: '/hubs/wall',
    healthUrl: '/healthz',
    handlers: {
      snapshot(snapshot) {
        if (firstBuild == null) firstBuild = snapshot.serverBuild ?? '';
        else if ((snapshot.serverBuild ?? '') !== firstBuild) { location.reload(); return; }
        if (snapshot.timeZone) { formatTime = timeFormatter(snapshot.timeZone); timeZone = snapshot.timeZone; }
        const shown = (snapshot.units ?? []).find((u) => u.id === unitId);
        if (shown) summary.update(shown.name ?? unit.name, shown.summary);
        // Whatever changed while not watching; then the page is live (a mark for readers and tests).
        Promise.all([refresh(false), refreshAlerts(), issued.refresh(), duties.refresh(), findings.refresh()]).then(() => { document.body.dataset.live = 'true'; });
      },
      summaries(items) {
        for (const item of items) if (item?.unitId === unitId && item.summary) summaryChanged(item.summary);
      },
      alerts() { refreshAlerts(); },
      directives() { issued.refresh(); duties.refresh(); }, // a directive or schedule this unit issued moved (its copies reported)
      changes(items) {
        if (items.some((change) => change?.unitId === unitId)) { refresh(false); findings.refresh(); }
      },
      unknownUnit() { showCover(text.unknownUnit(unitId), true); },
      unauthorized: () => signIn(lang),
      lost() {
        document.body.dataset.live = 'false';
        banner.textContent = text.connectionLost;
        banner.hidden = false;
      },
      restored() { banner.hidden = true; },
    },
  });
  connection.start(unitId, 0);
  setInterval(() => {
    if (!connection.lost) return;
    refresh(true);
    refreshAlerts();
  }, FALLBACK_REFRESH_MS);
  // A finding this unit raised moves when the inspected unit reports: no push names it here, so read it now and then.
  setInterval(() => findings.refresh(), FINDINGS_REFRESH_MS);
}

start().catch((error) => {
  if (error instanceof SignedOut) signIn(lang);
  else showCover(String(error?.message ?? error), true);
});
