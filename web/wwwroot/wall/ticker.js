// The ticker: the newest open alert on its first row, then what branches just reported, newest
// first; a fixed pool of rows of which as many show as fit, and a new top entry slides in once.

import { make, rootFontSize, setText } from './dom.js';
import { glyphs } from './i18n.js';
import { MAX_CHANGES } from './state.js';

export class Ticker {
  constructor(list, text, formats) {
    this.list = list;
    this.text = text;
    this.formats = formats;
    this.lastTopChange = null;
    this.lastNewestAlert = null;
    // The newest open alert, above the changes.
    const alertRow = make('li', 'alert-row', list);
    alertRow.hidden = true;
    const alertTop = make('div', 'change-top', alertRow);
    const alertBottom = make('div', 'change-bottom', alertRow);
    this.alertRow = {
      row: alertRow,
      time: make('span', 'change-time', alertTop),
      severity: make('span', 'alert-severity', alertTop),
      unit: make('span', 'change-unit', alertTop),
      text: make('span', 'change-title', alertBottom),
      where: make('span', 'alert-where', alertBottom),
    };
    this.rows = [];
    for (let i = 0; i < MAX_CHANGES; i++) {
      const row = make('li', 'change', list);
      row.hidden = true;
      const top = make('div', 'change-top', row);
      const bottom = make('div', 'change-bottom', row);
      this.rows.push({
        row,
        time: make('span', 'change-time', top),
        track: make('span', 'change-track', top),
        unit: make('span', 'change-unit', top),
        title: make('span', 'change-title', bottom),
        result: make('span', 'change-result', bottom),
      });
    }
    this.empty = make('li', 'empty-note', list);
    this.empty.textContent = text.nothingRecent;
  }

  render(state, alertInfo, animate) {
    const t = this.text;
    const rem = rootFontSize();
    const newest = this.renderNewestAlert(state, alertInfo.newest);
    const fits = Math.max(1, Math.floor((this.list.clientHeight + 0.4 * rem) / (3.0 * rem)) - (newest ? 1 : 0));
    this.rows.forEach((r, i) => {
      const change = i < fits ? state.changes[i] : undefined;
      r.row.hidden = !change;
      if (!change) return;
      const at = Date.parse(change.at);
      setText(r.time, Number.isFinite(at) ? this.formats.minutes(at) : '');
      const track = change.track === 'party' || change.track === 'business' ? change.track : '';
      r.track.className = `change-track ${track}`;
      setText(r.track, track ? t[track] : '');
      setText(r.unit, change.unitName ?? change.unitId ?? '');
      setText(r.title, change.title ?? change.taskId ?? '');
      setText(r.result, describe(change, t));
      r.row.classList.toggle('done', change.to?.status === 'done');
      r.row.classList.toggle('blocked', change.to?.status === 'blocked');
    });
    this.empty.hidden = state.changes.length > 0 || !!newest;
    const top = state.changes[0] ?? null;
    if (animate && top && top !== this.lastTopChange) {
      const row = this.rows[0].row;
      row.classList.remove('fresh');
      void row.offsetWidth;
      row.classList.add('fresh');
    }
    this.lastTopChange = top;
  }

  /** The first row: the newest open alert, where it sits now, and whether someone answered it. */
  renderNewestAlert(state, alert) {
    const t = this.text;
    const r = this.alertRow;
    r.row.hidden = !alert;
    if (!alert) {
      this.lastNewestAlert = null;
      return null;
    }
    const severity = alert.severity === 'red' ? 'red' : 'amber';
    r.row.className = `alert-row ${severity}${alert.state === 'acknowledged' ? ' acknowledged' : ''}${alert.escalationLevel > 0 ? ' escalated' : ''}`;
    r.row.dataset.alert = alert.id;
    const at = Date.parse(alert.firedAt);
    setText(r.time, Number.isFinite(at) ? this.formats.minutes(at) : '');
    setText(r.severity, `${glyphs.alert} ${t.alerts}`);
    setText(r.unit, state.units.get(alert.unitId)?.name ?? alert.unitId);
    setText(r.text, t.alertText(alert, t.rules));
    const where = [];
    if (alert.escalationLevel > 0 && alert.escalatedToUnitId) {
      where.push(`${glyphs.escalated} ${t.escalatedTo(state.units.get(alert.escalatedToUnitId)?.name ?? alert.escalatedToUnitId)}`);
    }
    if (alert.state === 'acknowledged') where.push(`${glyphs.green} ${t.acknowledged}`);
    setText(r.where, where.join(' · '));
    const key = `${alert.id}|${alert.escalationLevel}|${alert.state}`;
    if (this.lastNewestAlert !== null && key !== this.lastNewestAlert) {
      r.row.classList.remove('fresh');
      void r.row.offsetWidth;
      r.row.classList.add('fresh');
    }
    this.lastNewestAlert = key;
    return alert;
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
