// One inspection (督查) in the workbench: its frozen tree, drilled into like the live one (a unit's
// frozen figures, the units below it as links, its frozen tasks and open alerts), compared with the
// previous inspection of the same scope or with now, and links to the xlsx report and the printable page.

import { SignedOut, getJson } from './api.js';
import { make, setText } from './dom.js';
import { percent } from '../wall/i18n.js';
import { showCover } from './page.js';
import { showFindingForm } from './finding-new.js';
import { byState, late } from './findings.js';

const api = '/api/v1/inspections';
const enc = encodeURIComponent;

/** "40% / 55%" or "—" for a figure of no tasks. */
const share = (value) => (value == null ? '—' : percent(value));

export class InspectionView {
  constructor(text, { id, unit, unitsById, formatTime, langPart, me }) {
    Object.assign(this, { text, id, unit, unitsById, formatTime, langPart, me });
    this.byId = (name) => document.getElementById(name);
  }

  address(unit) {
    return `/app/inspections?id=${enc(this.id)}${unit ? `&unit=${enc(unit)}` : ''}${this.langPart}`;
  }

  async show() {
    const { text, byId } = this;
    const inspection = await getJson(`${api}/${enc(this.id)}`);
    if (!inspection) { showCover(text.unknownInspection(this.id), true); return; }
    this.inspection = inspection;
    setText(byId('view-title'), text.viewTitle(inspection.title, inspection.period));
    const scopeName = this.unitsById.get(inspection.unitId)?.name ?? inspection.unitId;
    setText(byId('view-meta'), [text.scopeOf(scopeName), text.takenAt(this.formatTime(inspection.takenAt)), text.unitsCount(inspection.units)].join(' · '));
    byId('view-section').hidden = false;
    byId('cover').hidden = true;
    if (inspection.state !== 'captured') {
      setText(byId('unit-name'), text.stillCapturing);
      setTimeout(() => location.reload(), 1500);
      return;
    }
    const unit = this.unit ?? inspection.unitId;
    const report = byId('report-link');
    report.href = `${api}/${enc(this.id)}/report.xlsx?unit=${enc(unit)}&depth=1`;
    setText(report, text.report);
    const print = byId('print-link');
    print.href = `/inspections/${enc(this.id)}?unit=${enc(unit)}${this.langPart}`;
    setText(print, text.print);
    for (const [name, key] of [['below-title', 'below'], ['tasks-title', 'frozenTasks'], ['alerts-title', 'frozenAlerts'], ['compare-title', 'compareTitle'], ['compare-with', 'compareWith'], ['findings-title', 'inspectionFindings']])
      setText(byId(name), text[key]);

    const base = `${api}/${enc(this.id)}`;
    const [tree, tasks, alerts, all] = await Promise.all([
      getJson(`${base}/tree?unit=${enc(unit)}&depth=1`),
      getJson(`${base}/units/${enc(unit)}/tasks`),
      getJson(`${base}/units/${enc(unit)}/alerts`),
      getJson(api),
    ]);
    if (!tree) { showCover(text.unknownUnit(unit), true); return; }
    this.renderUnit(tree);
    showFindingForm(text, { me: this.me, inspection, unit: { id: tree.id, name: tree.name }, unitsById: this.unitsById, recorded: () => this.showFindings(unit) });
    this.renderTasks(tasks ?? []);
    this.renderAlerts(alerts ?? []);
    await this.showFindings(unit);
    await this.compareChoices(all ?? [], unit);
    document.body.dataset.loaded = 'true';
  }

  renderUnit(tree) {
    const { text, byId } = this;
    const s = tree.summary;
    const card = byId('unit-card');
    card.className = `insp-unit h-${s?.health ?? 'none'}`;
    card.dataset.unit = tree.id;
    setText(byId('unit-name'), `${text.health[s?.health ?? 'none']} · ${tree.name}`);
    setText(byId('unit-figures'), figuresLine(text, s));
    const up = byId('up');
    if (tree.id !== this.inspection.unitId && tree.parentId) {
      up.href = this.address(tree.parentId);
      setText(up, text.up(this.unitsById.get(tree.parentId)?.name ?? tree.parentId));
      up.hidden = false;
    }
    const list = byId('children');
    list.replaceChildren();
    for (const child of tree.children ?? []) {
      const item = make('li', `insp-child h-${child.summary?.health ?? 'none'}`, list);
      item.dataset.unit = child.id;
      const link = make('a', 'insp-child-name', item);
      link.href = this.address(child.id);
      link.textContent = child.name;
      setText(make('span', 'insp-child-figures', item), figuresLine(text, child.summary));
    }
    if (!(tree.children ?? []).length) setText(make('li', 'insp-empty', list), text.noBelow);
  }

  renderTasks(tasks) {
    const { text, byId } = this;
    const list = byId('tasks');
    list.replaceChildren();
    for (const task of tasks) {
      const item = make('li', `insp-task${task.overdue ? ' overdue' : ''}`, list);
      item.dataset.task = task.id;
      setText(make('span', 'insp-task-title', item), task.title);
      const facts = [text.status[task.status] ?? task.status, `${task.progress}%`, `${text.due} ${task.due}`];
      if (task.overdue) facts.push(text.overdueMark);
      setText(make('span', 'insp-task-facts', item), facts.join(' · '));
    }
    if (!tasks.length) setText(make('li', 'insp-empty', list), text.noFrozenTasks);
  }

  renderAlerts(alerts) {
    const { text, byId } = this;
    const list = byId('alerts');
    list.replaceChildren();
    for (const alert of alerts) {
      const item = make('li', `insp-alert sev-${alert.severity}`, list);
      item.dataset.alert = alert.id;
      setText(make('span', 'insp-alert-text', item), text.alertText(alert, text.rules));
      setText(make('span', 'insp-alert-facts', item), `${text.severity[alert.severity] ?? alert.severity} · ${this.formatTime(alert.since)}`);
    }
    if (!alerts.length) setText(make('li', 'insp-empty', list), text.noFrozenAlerts);
  }

  /** This inspection's findings on the shown unit and below, as they stand now: those awaiting sign-off first, then open, then closed. */
  async showFindings(unit) {
    const findings = await getJson(`/api/v1/findings?inspection=${enc(this.id)}&unit=${enc(unit)}&subtree=true`);
    this.renderFindings([...(findings ?? [])].sort(byState));
  }

  renderFindings(findings) {
    const { text, byId } = this;
    const list = byId('findings');
    list.replaceChildren();
    const name = (id) => this.unitsById.get(id)?.name ?? id;
    for (const f of findings) {
      const item = make('li', `insp-finding state-${f.state}${late(f) ? ' overdue' : ''}`, list);
      item.dataset.finding = f.id;
      setText(make('span', 'insp-finding-text', item), f.title);
      const facts = [name(f.unitId), text.findingStates[f.state] ?? f.state, `${text.due} ${f.due}`];
      if (f.task && f.state !== 'closed') facts.push(text.findingTask(f.task.progress));
      if (late(f)) facts.push(text.overdueMark);
      if (f.inspectorUnitId) facts.push(text.findingBy(name(f.inspectorUnitId)));
      setText(make('span', 'insp-finding-facts', item), facts.join(' · '));
    }
    if (!findings.length) setText(make('li', 'insp-empty', list), text.noFindings);
  }

  /** Now, and every other captured inspection of the scope taken earlier (the previous one first). */
  async compareChoices(all, unit) {
    const { text, byId } = this;
    const select = byId('compare-to');
    const earlier = all.filter((i) => i.state === 'captured' && i.unitId === this.inspection.unitId && i.id !== this.id
      && Date.parse(i.takenAt) < Date.parse(this.inspection.takenAt));
    select.replaceChildren();
    for (const i of earlier) {
      const option = make('option', '', select);
      option.value = i.id;
      option.textContent = text.comparePrev(i.title, i.period);
    }
    const now = make('option', '', select);
    now.value = 'now';
    now.textContent = text.compareNow;
    select.value = earlier.length ? earlier[0].id : 'now';
    const compare = async () => {
      const other = select.value;
      const url = other === 'now'
        ? `${api}/compare?from=${enc(this.id)}&to=now&unit=${enc(unit)}&depth=1`
        : `${api}/compare?from=${enc(other)}&to=${enc(this.id)}&unit=${enc(unit)}&depth=1`;
      try {
        this.renderCompare(await getJson(url));
      } catch (error) {
        if (error instanceof SignedOut) throw error;
        this.renderCompare(null);
      }
    };
    select.addEventListener('change', compare);
    await compare();
  }

  renderCompare(comparison) {
    const { text, byId } = this;
    const table = byId('compare');
    table.replaceChildren();
    table.dataset.to = comparison?.to ?? '';
    const h = text.compareHeads;
    const head = make('tr', '', make('thead', '', table));
    const titles = [h.unit, h.progress, h.expected, h.done, h.overdue, h.blocked, h.health];
    for (const title of titles) setText(make('th', '', head), title);
    const body = make('tbody', '', table);
    for (const u of comparison?.units ?? []) {
      const row = make('tr', '', body);
      row.dataset.unit = u.unitId;
      setText(make('td', 'name', row), u.name);
      const pair = (from, to, format, delta) => {
        if (from == null && to == null) return '—';
        const d = delta == null ? '' : ` (${delta > 0 ? '+' : ''}${format(delta)})`;
        return `${from == null ? text.notThen : format(from)} → ${to == null ? text.notThen : format(to)}${d}`;
      };
      const pct = (v) => percent(v);
      const num = (v) => String(v);
      setText(make('td', 'num', row), pair(u.from?.progress, u.to?.progress, pct, u.delta?.progress));
      setText(make('td', 'num', row), pair(u.from?.expected, u.to?.expected, pct, u.delta?.expected));
      setText(make('td', 'num', row), pair(u.from?.done, u.to?.done, num, u.delta?.done));
      setText(make('td', 'num', row), pair(u.from?.overdue, u.to?.overdue, num, u.delta?.overdue));
      setText(make('td', 'num', row), pair(u.from?.blocked, u.to?.blocked, num, u.delta?.blocked));
      setText(make('td', '', row), `${text.health[u.healthFrom ?? 'none']} → ${text.health[u.healthTo ?? 'none']}`);
      // A phone shows each row as a card: every figure names itself.
      [...row.children].forEach((cell, i) => { if (i > 0) cell.dataset.label = titles[i]; });
    }
  }
}

/** 进度 40%（应达 55%）· 任务 12 · 完成 3 · 逾期 1 · 受阻 0 */
export function figuresLine(text, s) {
  if (!s) return '';
  const all = s.all ?? {};
  const h = text.compareHeads;
  return [`${h.progress} ${share(all.progress)}`, `${h.expected} ${share(all.expected)}`, `${text.taskCount(all.count ?? 0)}`,
    `${h.done} ${all.done ?? 0}`, `${h.overdue} ${all.overdue ?? 0}`, `${h.blocked} ${all.blocked ?? 0}`].join(' · ');
}
