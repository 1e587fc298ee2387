// The printable year report (/report?unit=&year=&depth=): the rows of GET /units/{id}/report as one
// table per section, Chinese first (?lang=en for English). Print CSS in report.css: A4, the
// department and the year in the running header, page numbers in the page's bottom margin.

import { words, percent } from './i18n.js';

const query = new URLSearchParams(location.search);
const lang = query.get('lang') === 'en' ? 'en' : 'zh';
const t = words[lang];
const unit = query.get('unit') ?? '';
const year = /^\d{4}$/.test(query.get('year') ?? '') ? query.get('year') : String(new Date().getFullYear());
const depth = /^\d{1,2}$/.test(query.get('depth') ?? '') ? query.get('depth') : '1';

const $ = (id) => document.getElementById(id);

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

/** A table with a header row and body rows of plain cells; numbers right-aligned. */
function table(headings, rows) {
  const tableNode = element('table');
  const head = tableNode.createTHead().insertRow();
  for (const h of headings) head.append(element('th', h));
  const body = tableNode.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    row.forEach((cell, i) => tr.append(element('td', cell, typeof cell === 'number' || i > 0 && /^[\d—%/ ]+$/.test(String(cell)) ? 'num' : undefined)));
  }
  return tableNode;
}

function section(title, content, note) {
  const node = element('section', undefined, 'report-section');
  node.append(element('h2', title));
  if (note) node.append(element('p', note, 'note'));
  node.append(content);
  return node;
}

/** The unit's name, indented by its level so the tree reads in the table. */
const unitName = (row) => `${'　'.repeat(row.level)}${row.name}`;

function counts(name, c) {
  return [name, c.count, c.done, c.doneOnTime, c.overdue];
}

function render(report) {
  const c = t.cols;
  const main = $('report');
  main.replaceChildren();
  const countHeads = [c.track, c.count, c.done, c.onTime, c.overdue];
  main.append(section(t.sections.tasks, table([c.unit, ...countHeads], report.rows.flatMap((r) => [
    [unitName(r), ...counts(t.tracks.party, r.tasks.party)],
    ['', ...counts(t.tracks.business, r.tasks.business)],
    ['', ...counts(t.tracks.all, r.tasks.all)],
  ])), t.rowsNote));
  main.append(section(t.sections.directives, table([c.unit, c.received, c.done, c.onTime, c.overdue],
    report.rows.map((r) => [unitName(r), r.directives.count, r.directives.done, r.directives.doneOnTime, r.directives.overdue]))));
  main.append(section(t.sections.duties, table([c.unit, c.schedule, c.due, c.done, c.onTime],
    report.rows.flatMap((r) => r.duties.length === 0 ? [[unitName(r), t.none, 0, 0, 0]]
      : r.duties.map((d, i) => [i === 0 ? unitName(r) : '', d.title, d.due, d.done, d.doneOnTime])))));
  main.append(section(t.sections.alerts, table([c.unit, c.rule, c.raised],
    report.rows.flatMap((r) => r.alerts.length === 0 ? [[unitName(r), t.none, 0]]
      : r.alerts.map((a, i) => [i === 0 ? unitName(r) : '', t.rules[a.rule] ?? a.rule, a.raised])))));
  const months = section(t.sections.months, table([c.unit, ...Array.from({ length: 12 }, (_, m) => c.month(m + 1))],
    report.rows.map((r) => [unitName(r), ...r.months.map((m) => m.progress == null ? t.noPoint : t.cell(percent(m.progress), percent(m.expected)))])),
  t.monthsNote);
  months.classList.add('months');
  main.append(months);
  main.append(section(t.sections.findings, table([c.unit, c.raisedFindings, c.closedFindings, c.meanDays],
    report.rows.map((r) => [unitName(r), r.findings.raised, r.findings.closed, r.findings.meanDaysToClose ?? t.noPoint]))));
  const tagRows = report.rows.flatMap((r) => r.tags.flatMap((g) => [
    [unitName(r), g.tag, ...counts(t.tracks.all, g.tasks.all)],
    ['', '', ...counts(t.tracks.directives, g.directives)],
  ]));
  main.append(section(t.sections.tags, tagRows.length === 0 ? element('p', t.none) : table([c.unit, c.tag, ...countHeads], tagRows)));
}

/**
 * The department and the year at the top of every printed page: an @page top margin box added
 * through the CSSOM (the page's CSP allows no inline style), beside report.css's page numbers.
 */
function runningHeader(text) {
  const quoted = `"${text.replace(/["\\]/g, (ch) => `\\${ch}`).replace(/[\r\n]/g, ' ')}"`;
  const sheet = [...document.styleSheets].find((s) => s.href?.endsWith('/report/report.css'));
  try {
    sheet?.insertRule(`@page { @top-center { content: ${quoted}; } }`, sheet.cssRules.length);
  } catch {
    // A browser without margin boxes prints the first page's header only.
  }
}

async function load() {
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  $('back').textContent = t.back;
  $('year-text').textContent = t.year;
  $('depth-text').textContent = t.depth;
  $('lang').textContent = t.lang;
  $('print').textContent = t.print;
  $('xlsx').textContent = t.xlsx;
  $('year').value = year;
  $('depth').value = depth;
  $('title').textContent = t.title(year);
  $('footnote').textContent = t.footnote;
  const go = (changes) => {
    const next = new URLSearchParams(query);
    for (const [k, v] of Object.entries(changes)) next.set(k, v);
    location.search = next.toString();
  };
  $('year').addEventListener('change', () => go({ year: $('year').value }));
  $('depth').addEventListener('change', () => go({ depth: $('depth').value }));
  $('lang').addEventListener('click', () => go({ lang: lang === 'en' ? 'zh' : 'en' }));
  $('print').addEventListener('click', () => window.print());
  if (!unit) { $('status').textContent = t.noUnit; return; }
  const path = `/api/v1/units/${encodeURIComponent(unit)}/report`;
  $('xlsx').href = `${path}.xlsx?year=${year}&depth=${depth}`;
  $('status').textContent = t.loading;
  let answer;
  try {
    answer = await fetch(`${path}?year=${year}&depth=${depth}`, { cache: 'no-store', headers: { Accept: 'application/json' } });
  } catch {
    $('status').textContent = t.failed;
    return;
  }
  if (answer.status === 401) { location.href = `/login?returnUrl=${encodeURIComponent(location.pathname + location.search)}`; return; }
  if (!answer.ok) { $('status').textContent = answer.status === 404 ? t.unknown : t.failed; return; }
  const report = await answer.json();
  const top = report.rows[0];
  $('department').textContent = report.department;
  document.title = `${report.department} · ${t.title(report.year)}`;
  $('title').textContent = t.title(report.year);
  const cut = new Date(report.cut).toLocaleDateString(lang === 'en' ? 'en-GB' : 'zh-CN');
  $('subtitle').textContent = t.subtitle(top.name, cut);
  runningHeader(`${report.department} · ${t.title(report.year)}`);
  render(report);
  document.body.classList.add('ready');
}

load();
