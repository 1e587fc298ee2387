// 此前与现在 (then and now): /app/compare?unit=<id>&from=<side>&to=<side>&lang=zh|en, a side being
// `date:YYYY-MM-DD`, `insp:<inspection id>` or `now`. The unit and its children side by side:
// each figure then, now and the change, coloured by whether it went the better way.

import { chooseLanguage, strings } from './i18n.js';
import { SignedOut, getJson } from './api.js';
import { chooseUnit, pickerEntries } from './access.js';
import { showAdminLink } from './admin-link.js';
import { showCover, signIn } from './page.js';
import { make, setText } from './dom.js';
import { todayIn } from './periods.js';
import { glyphs, percent } from '../wall/i18n.js';
import { FIGURES, MissingSide, compare, parseSide, sideValue } from './compare-data.js';

const query = new URLSearchParams(location.search);
const lang = chooseLanguage(query, window.localStorage);
const text = strings(lang);
const byId = (id) => document.getElementById(id);
const healthRank = { green: 0, amber: 1, red: 2 };

function fillStaticText() {
  document.documentElement.lang = text.lang;
  document.title = `Cascade · ${text.compareTitle}`;
  byId('brand').textContent = text.brand;
  byId('sign-out').textContent = text.signOut;
  const other = lang === 'en' ? 'zh' : 'en';
  const switcher = byId('lang-switch');
  switcher.textContent = text.switchTo;
  switcher.addEventListener('click', () => { const next = new URLSearchParams(location.search); next.set('lang', other); location.assign(`${location.pathname}?${next}`); });
  setText(byId('compare-title'), text.compareTitle);
  setText(byId('compare-note'), text.compareNote);
  setText(byId('picker-text'), text.unit);
  setText(byId('from-legend'), text.compareThen);
  setText(byId('to-legend'), text.compareNow);
  setText(byId('compare-show'), text.compareShow);
}

/** One side's controls: its kind, and the date or the inspection it names. */
class SideControls {
  constructor(fieldset, kinds, inspections, today) {
    this.kind = fieldset.querySelector('.kind');
    this.date = fieldset.querySelector('.date');
    this.inspection = fieldset.querySelector('.inspection');
    for (const kind of kinds) {
      const option = make('option', null, this.kind);
      option.value = kind;
      option.textContent = { date: text.compareKindDate, inspection: text.compareKindInspection, now: text.compareKindNow }[kind];
    }
    this.date.max = today;
    for (const insp of inspections) {
      const option = make('option', null, this.inspection);
      option.value = insp.id;
      option.textContent = `${insp.title}（${insp.period}）`;
    }
    if (inspections.length === 0) {
      const none = make('option', null, this.inspection);
      none.value = '';
      none.textContent = text.compareNoInspections;
    }
    this.kind.addEventListener('change', () => this.showKind());
  }

  set(side) {
    this.kind.value = side.kind;
    if (side.kind === 'date') this.date.value = side.date;
    if (side.kind === 'inspection') this.inspection.value = side.id;
    this.showKind();
  }

  get() {
    if (this.kind.value === 'now') return { kind: 'now' };
    if (this.kind.value === 'date') return this.date.value ? { kind: 'date', date: this.date.value } : null;
    return this.inspection.value ? { kind: 'inspection', id: this.inspection.value } : null;
  }

  showKind() {
    this.date.hidden = this.kind.value !== 'date';
    this.inspection.hidden = this.kind.value !== 'inspection';
  }
}

const signed = (value, words) => (value > 0 ? `+${words}` : value < 0 ? `−${words.replace('-', '')}` : words);

/** A figure's value and change in words. */
function shown(kind, value) {
  if (value == null) return text.compareMissing;
  return kind === 'fraction' ? percent(value) : String(value);
}

function changeOf(kind, delta) {
  if (delta == null) return text.compareMissing;
  return kind === 'fraction' ? signed(delta, `${Math.round(Math.abs(delta) * 100)}%`) : signed(delta, String(Math.abs(delta)));
}

function healthWords(health) {
  return health ? `${glyphs[health] ?? ''} ${text.health[health] ?? health}`.trim() : text.compareMissing;
}

/** A unit's card: its name, then a row per figure (then, now, change). */
function card(unit, top) {
  const element = make('article', `compare-unit${top ? ' top' : ''}`);
  element.dataset.unit = unit.unitId;
  setText(make('h2', 'compare-name', element), unit.name);
  const table = make('table', 'compare-table', element);
  const head = make('tr', null, make('thead', null, table));
  for (const words of [text.compareFigure, text.compareThen, text.compareNow, text.compareDelta]) setText(make('th', null, head), words);
  const body = make('tbody', null, table);
  const healthRow = make('tr', null, body);
  healthRow.dataset.figure = 'health';
  setText(make('th', null, healthRow), text.compareFigures.health);
  setText(make('td', `then h-${unit.healthFrom ?? 'none'}`, healthRow), healthWords(unit.healthFrom));
  setText(make('td', `now h-${unit.healthTo ?? 'none'}`, healthRow), healthWords(unit.healthTo));
  const a = healthRank[unit.healthFrom], b = healthRank[unit.healthTo];
  const healthChange = make('td', `delta${a != null && b != null && a !== b ? (b < a ? ' better' : ' worse') : ''}`, healthRow);
  setText(healthChange, a != null && b != null && a !== b ? (b < a ? '↗' : '↘') : '');
  for (const [name, better, kind] of FIGURES) {
    const row = make('tr', null, body);
    row.dataset.figure = name;
    setText(make('th', null, row), text.compareFigures[name]);
    setText(make('td', 'then', row), shown(kind, unit.from?.[name]));
    setText(make('td', 'now', row), shown(kind, unit.to?.[name]));
    const delta = unit.delta?.[name];
    const way = delta == null || delta === 0 || better === 0 ? '' : (delta > 0) === (better > 0) ? ' better' : ' worse';
    setText(make('td', `delta${way}`, row), changeOf(kind, delta));
  }
  return element;
}

async function start() {
  fillStaticText();
  showCover(text.loading);
  const [me, units, inspections] = await Promise.all([getJson('/api/v1/me'), getJson('/api/v1/units'), getJson('/api/v1/inspections').catch(() => [])]);
  byId('person').textContent = text.person(me.displayName || me.username, text.roles[me.role] ?? me.role);
  showAdminLink(me, lang);
  const unitId = chooseUnit(query.get('unit')?.trim(), me, units ?? []);
  const picker = byId('picker');
  for (const entry of pickerEntries(units ?? [])) {
    const option = make('option', null, picker);
    option.value = entry.id;
    option.textContent = `${'\u3000'.repeat(entry.depth)}${entry.name}`;
    option.selected = entry.id === unitId;
  }
  const back = byId('back-link');
  back.textContent = text.compareBack;
  back.href = `/app?unit=${encodeURIComponent(unitId ?? '')}${query.get('lang') ? `&lang=${lang}` : ''}`;

  const today = todayIn(null);
  const captured = (inspections ?? []).filter((i) => i.state === 'captured');
  const from = new SideControls(byId('side-from'), ['date', 'inspection'], captured, today);
  const to = new SideControls(byId('side-to'), ['date', 'inspection', 'now'], captured, today);
  const monthAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 30 * 86400000).toISOString().slice(0, 10);
  from.set(parseSide(query.get('from')) ?? { kind: 'date', date: monthAgo });
  to.set(parseSide(query.get('to')) ?? { kind: 'now' });
  cover.hidden = true;

  const message = byId('compare-message');
  const list = byId('compare-units');
  async function show() {
    const a = from.get(), b = to.get();
    if (!a || !b || !picker.value) { setText(message, text.compareChoose); return; }
    const next = new URLSearchParams(location.search);
    next.set('unit', picker.value);
    next.set('from', sideValue(a));
    next.set('to', sideValue(b));
    history.replaceState(null, '', `${location.pathname}?${next}`);
    setText(message, text.loading);
    list.replaceChildren();
    try {
      const rows = await compare(picker.value, a, b);
      list.replaceChildren(...rows.map((row, i) => card(row, i === 0)));
      setText(message, '');
      list.dataset.from = sideValue(a);
      list.dataset.to = sideValue(b);
    } catch (error) {
      if (error instanceof SignedOut) { signIn(lang); return; }
      const why = error instanceof MissingSide
        ? (error.side.kind === 'date' ? text.compareNoPoint(error.side.date) : error.side.id)
        : String(error?.message ?? error);
      setText(message, text.compareFailed(why));
    }
  }
  byId('compare-form').addEventListener('submit', (event) => { event.preventDefault(); show(); });
  if (parseSide(query.get('from')) && parseSide(query.get('to'))) await show();
  else setText(message, text.compareChoose);
  document.body.dataset.ready = 'true';
}

const cover = byId('cover');
start().catch((error) => {
  if (error instanceof SignedOut) signIn(lang);
  else showCover(String(error?.message ?? error), true);
});
