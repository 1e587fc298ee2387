// The printable inspection report: /inspections/<id>?unit=<unit>&depth=<n>&lang=
// The department (the root unit's name, as the wall's header names its unit), the inspection's
// title and period, then its frozen figures read from the API with the person's session: the
// summary of the unit and the units below it to depth (2 when left out), each unit's frozen tasks,
// their open alerts, the comparison with the previous inspection of the same scope, and the
// inspection's findings on those units with their rectification as it stands.

import { strings, timeFormatter } from './inspections-i18n.js';
import { chooseLanguage } from './i18n.js';
import { SignedOut, getJson } from './api.js';
import { make, setText } from './dom.js';
import { percent } from '../wall/i18n.js';
import { showCover, signIn } from './page.js';
import { byState, late } from './findings.js';

const query = new URLSearchParams(location.search);
const lang = chooseLanguage(query, window.localStorage);
const text = strings(lang);
const byId = (id) => document.getElementById(id);
const enc = encodeURIComponent;
const api = '/api/v1/inspections';

/** A table with fixed columns (their classes size them in the print CSS), a header row and the rows' cells. */
function table(element, columns, rows) {
  element.replaceChildren();
  const group = make('colgroup', '', element);
  for (const [cls] of columns) make('col', cls, group);
  const head = make('tr', '', make('thead', '', element));
  for (const [cls, title] of columns) setText(make('th', cls === 'num' ? 'num' : '', head), title);
  const body = make('tbody', '', element);
  for (const row of rows) {
    const tr = make('tr', row.className ?? '', body);
    if (row.unit) tr.dataset.unit = row.unit;
    row.cells.forEach((value, i) => setText(make('td', row.classes?.[i] ?? columns[i][0], tr), String(value ?? '')));
  }
  if (!rows.length) {
    const cell = make('td', 'none', make('tr', '', body));
    cell.colSpan = columns.length;
    setText(cell, text.noneRow);
  }
}

/** A CSS string literal for a margin box's content. */
const cssString = (value) => `"${String(value).replace(/[\\"]/g, '\\$&').replace(/[\r\n]+/g, ' ')}"`;

/** The top margin box names the department, the title and the period on every printed page; the bottom one numbers pages in the page's language. */
function pageBoxes(org, inspection) {
  const sheet = [...document.styleSheets].find((s) => s.href?.endsWith('/app/inspection-print.css'));
  if (!sheet) return;
  const [before, middle, after] = text.pageBox;
  const top = cssString(`${org} · ${inspection.title} · ${text.periodName(inspection.period)}`);
  try {
    sheet.insertRule(`@page { @top-center { content: ${top}; font-size: 8.5pt; color: #444; } `
      + `@bottom-center { content: ${cssString(before)} counter(page) ${cssString(middle)} counter(pages) ${cssString(after)}; font-size: 9pt; color: #444; } }`, sheet.cssRules.length);
  } catch { /* a browser without margin boxes prints without them */ }
}

/** Every unit of a frozen tree, parents first, with its depth below the top. */
function flatten(node, depth = 0, out = []) {
  out.push({ node, depth });
  for (const child of node.children ?? []) flatten(child, depth + 1, out);
  return out;
}

async function start() {
  setText(byId('brand'), text.brand);
  setText(byId('sign-out'), text.signOut);
  const switcher = byId('lang-switch');
  setText(switcher, text.switchTo);
  switcher.addEventListener('click', () => {
    const next = new URLSearchParams(location.search);
    next.set('lang', lang === 'en' ? 'zh' : 'en');
    location.assign(`${location.pathname}?${next}`);
  });
  showCover(text.loading ?? '…');
  const id = decodeURIComponent(location.pathname.split('/').pop() ?? '');
  const depth = /^\d+$/.test(query.get('depth') ?? '') ? Math.min(Number(query.get('depth')), 10) : 2;
  const [me, units, inspection] = await Promise.all([getJson('/api/v1/me'), getJson('/api/v1/units'), getJson(`${api}/${enc(id)}`)]);
  setText(byId('person'), text.person(me.displayName || me.username, text.roles[me.role] ?? me.role));
  document.documentElement.lang = text.lang;
  if (!inspection) { showCover(text.unknownInspection(id), true); return; }
  if (inspection.state !== 'captured') { showCover(text.stillCapturing); setTimeout(() => location.reload(), 1500); return; }
  const unit = query.get('unit')?.trim() || inspection.unitId;
  const names = new Map((units ?? []).map((u) => [u.id, u.name]));
  const org = (units ?? []).find((u) => u.parentId == null)?.name ?? '';
  const formatTime = timeFormatter(lang);
  document.title = `${inspection.title} · ${text.periodName(inspection.period)}`;
  setText(byId('org'), text.printTitle(org));
  setText(byId('report-title'), inspection.title);
  setText(byId('period'), text.printPeriod(inspection.period));
  setText(byId('taken'), text.printTaken(formatTime(inspection.takenAt)));
  setText(byId('print-button'), text.printButton);
  setText(byId('back'), text.back);
  byId('back').href = `/app/inspections?id=${enc(id)}&unit=${enc(unit)}${query.get('lang') ? `&lang=${lang}` : ''}`;
  byId('print-button').addEventListener('click', () => window.print());
  pageBoxes(org, inspection);

  const base = `${api}/${enc(id)}`;
  const tree = await getJson(`${base}/tree?unit=${enc(unit)}&depth=${depth}`);
  if (!tree) { showCover(text.unknownUnit(unit), true); return; }
  setText(byId('scope'), text.printScope(tree.name));
  const rows = flatten(tree);

  // 一、汇总
  setText(byId('summary-title'), text.summaryTable);
  const h = text.compareHeads;
  table(byId('summary'), [['name', h.unit], ['health', h.health], ['num', h.progress], ['num', h.expected], ['num', h.count],
    ['num', h.done], ['num', h.overdue], ['num', h.blocked]],
  rows.map(({ node, depth: d }) => {
    const s = node.summary ?? {};
    const all = s.all ?? {};
    return {
      unit: node.id, className: `depth-${Math.min(d, 3)}`, classes: ['name', `h-${s.health ?? 'none'}`],
      cells: [node.name, text.health[s.health ?? 'none'], percent(all.progress), percent(all.expected), all.count ?? 0, all.done ?? 0, all.overdue ?? 0, all.blocked ?? 0],
    };
  }));

  // 二、任务台账 and 三、预警: each unit's frozen work, read together.
  const work = await Promise.all(rows.map(({ node }) => Promise.all([getJson(`${base}/units/${enc(node.id)}/tasks`), getJson(`${base}/units/${enc(node.id)}/alerts`)])));
  setText(byId('tasks-title'), text.tasksTable);
  const tasks = byId('tasks');
  tasks.replaceChildren();
  const th = text.taskHeads;
  rows.forEach(({ node }, i) => {
    const list = work[i][0] ?? [];
    if (!list.length) return;
    setText(make('h3', '', tasks), node.name);
    const element = make('table', 'grid tasks-table', tasks);
    element.dataset.unit = node.id;
    table(element, [['title', th.title], ['track', th.track], ['due', th.due], ['status', th.status], ['num', th.progress]],
      list.map((t) => ({
        classes: ['title', 'track', t.overdue ? 'overdue' : 'due', 'status', 'num'],
        cells: [t.title, text[t.track] ?? t.track, t.overdue ? `${t.due} ${text.overdueMark}` : t.due, text.status[t.status] ?? t.status, `${t.progress}%`],
      })));
  });
  if (!tasks.children.length) setText(make('p', 'none-note', tasks), text.noneRow);

  setText(byId('alerts-title'), text.alertsTable);
  const ah = text.alertHeads;
  const alerts = rows.flatMap(({ node }, i) => (work[i][1] ?? []).map((a) => ({ a, name: node.name })));
  table(byId('alerts'), [['unit', ah.unit], ['severity', ah.severity], ['message', ah.message], ['since', ah.since]],
    alerts.map(({ a, name }) => ({ cells: [name, text.severity[a.severity] ?? a.severity, text.alertText(a, text.rules), formatTime(a.since)] })));

  // 四、对比: the previous captured inspection of the same scope, taken before this one.
  setText(byId('compare-title'), text.compareTable);
  const all = (await getJson(api)) ?? [];
  const previous = all.filter((i) => i.state === 'captured' && i.unitId === inspection.unitId && Date.parse(i.takenAt) < Date.parse(inspection.takenAt))
    .sort((a, b) => Date.parse(b.takenAt) - Date.parse(a.takenAt))[0];
  const compared = previous ? await getJson(`${api}/compare?from=${enc(previous.id)}&to=${enc(id)}&unit=${enc(unit)}&depth=${depth}`) : null;
  setText(byId('compare-note'), previous ? text.comparedWith(previous.title, previous.period, formatTime(previous.takenAt)) : text.noPrevious);
  const pair = (from, to, format) => `${from == null ? text.notThen : format(from)} → ${to == null ? text.notThen : format(to)}`;
  table(byId('compare'), [['name', h.unit], ['num', h.progress], ['num', h.expected], ['num', h.done], ['num', h.overdue], ['num', h.blocked], ['health', h.health]],
    (compared?.units ?? []).map((u) => ({
      unit: u.unitId,
      cells: [u.name, pair(u.from?.progress, u.to?.progress, percent), pair(u.from?.expected, u.to?.expected, percent),
        pair(u.from?.done, u.to?.done, String), pair(u.from?.overdue, u.to?.overdue, String), pair(u.from?.blocked, u.to?.blocked, String),
        `${text.health[u.healthFrom ?? 'none']} → ${text.health[u.healthTo ?? 'none']}`],
    })));
  if (!previous) byId('compare').hidden = true;

  // 五、发现的问题及整改: this inspection's findings on the unit and below, as they stand when printed.
  setText(byId('findings-title'), text.findingsTable);
  const fh = text.findingHeads;
  const findings = [...((await getJson(`/api/v1/findings?inspection=${enc(id)}&unit=${enc(unit)}&subtree=true`)) ?? [])].sort(byState);
  const nameOf = (unitId) => names.get(unitId) ?? unitId;
  table(byId('findings'), [['unit', fh.unit], ['text', fh.text], ['due', fh.due], ['state', fh.state], ['unit', fh.inspector]],
    findings.map((f) => ({
      classes: ['unit', 'text', late(f) ? 'overdue' : 'due', 'state', 'unit'],
      cells: [nameOf(f.unitId), f.text, late(f) ? `${f.due} ${text.overdueMark}` : f.due,
        text.findingStates[f.state] ?? f.state, f.inspectorUnitId ? nameOf(f.inspectorUnitId) : ''],
    })));

  byId('sheet').hidden = false;
  byId('cover').hidden = true;
  document.body.dataset.loaded = 'true';
}

start().catch((error) => {
  if (error instanceof SignedOut) signIn(lang);
  else showCover(String(error?.message ?? error), true);
});
