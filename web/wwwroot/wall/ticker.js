// The ticker: what just happened in view, newest first, filling its column: the open alerts
// (marked ⚑, in their severity's colour, where they sit now and whether someone answered) and
// what branches reported. A fixed pool of rows of which as many show as fit; a new top entry
// slides in once.

import { make, rootFontSize, setText } from './dom.js';
import { fitNames, glyphs } from './i18n.js';
import { shortName } from './names.js';
import { MAX_CHANGES } from './state.js';

const MAX_ALERTS = 20;
const ROWS = MAX_CHANGES + MAX_ALERTS;

function instant(text) {
  const t = Date.parse(text);
  return Number.isFinite(t) ? t : 0;
}

/** The open alerts and the changes as one list, newest first (an alert by when it fired). */
export function tickerEntries(state) {
  const alerts = [...state.alerts.values()]
    .map((alert) => ({ alert, at: instant(alert.firedAt), key: `a|${alert.id}|${alert.escalationLevel}|${alert.state}` }))
    .sort((a, b) => (b.at - a.at) || (a.alert.id < b.alert.id ? 1 : -1))
    .slice(0, MAX_ALERTS);
  const changes = state.changes.map((change) => ({ change, at: instant(change.at), key: `c|${change.at}|${change.unitId}|${change.taskId}|${change.to?.status}|${change.to?.progress}` }));
  return alerts.concat(changes).sort((a, b) => b.at - a.at);
}

export class Ticker {
  constructor(list, text, formats) {
    this.list = list;
    this.text = text;
    this.formats = formats;
    this.lastTop = null;
    this.rows = [];
    for (let i = 0; i < ROWS; i++) {
      const row = make('li', 'change', list);
      row.hidden = true;
      const top = make('div', 'change-top', row);
      const bottom = make('div', 'change-bottom', row);
      this.rows.push({
        row,
        time: make('span', 'change-time', top),
        mark: make('span', 'change-track', top),
        unit: make('span', 'change-unit', top),
        title: make('span', 'change-title', bottom),
        result: make('span', 'change-result', bottom),
      });
    }
    this.empty = make('li', 'empty-note', list);
    this.empty.textContent = text.nothingRecent;
  }

  render(state, _alertInfo, animate) {
    const rem = rootFontSize();
    const entries = tickerEntries(state);
    const fits = Math.max(1, Math.min(ROWS, Math.floor((this.list.clientHeight + 0.3 * rem) / (2.9 * rem))));
    const names = [];
    this.rows.forEach((r, i) => {
      const entry = i < fits ? entries[i] : undefined;
      r.row.hidden = !entry;
      if (!entry) return;
      const name = entry.alert ? this.renderAlert(r, state, entry.alert) : this.renderChange(r, entry.change);
      names.push({ element: r.unit, full: name, short: shortName(name) });
    });
    fitNames(names);
    this.list.dataset.available = String(entries.length);
    this.empty.hidden = entries.length > 0;
    const top = entries[0]?.key ?? null;
    if (animate && top && this.lastTop !== null && top !== this.lastTop) {
      const row = this.rows[0].row;
      row.classList.remove('fresh');
      void row.offsetWidth;
      row.classList.add('fresh');
    }
    this.lastTop = top;
  }

  renderChange(r, change) {
    const t = this.text;
    r.row.className = 'change';
    delete r.row.dataset.alert;
    setText(r.time, change.at ? this.formats.minutes(instant(change.at)) : '');
    const track = change.track === 'party' || change.track === 'business' ? change.track : '';
    r.mark.className = `change-track ${track}`;
    setText(r.mark, track ? t[`${track}Short`] : '');
    r.mark.title = '';
    setText(r.title, change.title ?? change.taskId ?? '');
    r.result.className = 'change-result';
    setText(r.result, describe(change, t));
    r.row.classList.toggle('done', change.to?.status === 'done');
    r.row.classList.toggle('blocked', change.to?.status === 'blocked');
    return change.unitName ?? change.unitId ?? '';
  }

  /** An open alert: marked, where it sits now, and whether someone answered it. */
  renderAlert(r, state, alert) {
    const t = this.text;
    const severity = alert.severity === 'red' ? 'red' : 'amber';
    r.row.className = `change alert-row ${severity}${alert.state === 'acknowledged' ? ' acknowledged' : ''}${alert.escalationLevel > 0 ? ' escalated' : ''}`;
    r.row.dataset.alert = alert.id;
    setText(r.time, alert.firedAt ? this.formats.minutes(instant(alert.firedAt)) : '');
    r.mark.className = 'change-track alert-severity';
    setText(r.mark, glyphs.alert);
    r.mark.title = t.alerts;
    setText(r.title, t.alertText(alert, t.rules));
    const where = [];
    if (alert.escalationLevel > 0 && alert.escalatedToUnitId) {
      where.push(`${glyphs.escalated} ${t.escalatedTo(state.units.get(alert.escalatedToUnitId)?.name ?? alert.escalatedToUnitId)}`);
    }
    if (alert.state === 'acknowledged') where.push(`${glyphs.green} ${t.acknowledged}`);
    r.result.className = 'change-result alert-where';
    setText(r.result, where.join(' · '));
    return state.units.get(alert.unitId)?.name ?? alert.unitId ?? '';
  }
}

/** "→ 完成", "→ 进行中 40%", "40% → 60%", "→ 受阻". */
function describe(change, t) {
  const from = change.from, to = change.to ?? {};
  const status = t.status[to.status] ?? to.status ?? '';
  const progress = typeof to.progress === 'number' ? `${to.progress}%` : '';
  if (!from) return `${t.newTask} → ${status}`;
  if (from.status !== to.status) return to.status === 'inProgress' && progress ? `→ ${status} ${progress}` : `→ ${status}`;
  if (typeof from.progress === 'number' && from.progress !== to.progress) {
    return `${from.progress}% → ${progress}${to.status === 'blocked' ? ` · ${status}` : ''}`;
  }
  return `→ ${status}`;
}
