// The inspections' own words (督查: the list, capturing one, its frozen view and its printable
// page), added to the workbench's. Chinese first.

import { strings as workbenchStrings } from './i18n.js';

const zh = {
  title: 'Cascade · 督查',
  brand: '党建业务双轮驱动 · 督查',
  workbench: '工作台',
  inspections: '督查',
  listTitle: '督查记录',
  listNote: '每次督查冻结当时的单位树、任务和预警，之后不再改变',
  none: '还没有督查记录',
  heads: { title: '名称', period: '期间', scope: '范围', state: '状态', takenAt: '冻结于' },
  states: { capturing: '正在冻结…', captured: '已冻结' },
  newTitle: '发起督查',
  newNote: '冻结所选单位及以下的当前情况，不需要任何单位另行填报',
  fTitle: '名称',
  fPeriod: '期间',
  fPeriodHint: '季度 2026-q4、半年 2026-h2 或全年 2026',
  fScope: '范围（单位及以下）',
  fInspectors: '督查单位（可选，可多选）',
  capture: '冻结并保存',
  capturing: '正在冻结…',
  defaultTitle: (period) => `${periodName(period)}督查`,
  forbidden: '只有管理员和领导可以发起督查',
  refused: (detail) => `未能发起：${detail}`,
  failed: '发起失败，请检查网络后重试',
  open: '查看',
  back: '‹ 督查记录',
  viewTitle: (title, period) => `${title}（${periodName(period)}）`,
  takenAt: (when) => `冻结于 ${when}`,
  scopeOf: (name) => `范围：${name}及以下`,
  unitsCount: (n) => `${n} 个单位`,
  up: (name) => `‹ 返回${name}`,
  below: '下级单位',
  noBelow: '没有下级单位',
  frozenTasks: '冻结时的任务',
  frozenAlerts: '冻结时未解除的预警',
  noFrozenTasks: '冻结时本单位没有任务',
  noFrozenAlerts: '冻结时本单位没有未解除的预警',
  compareTitle: '对比',
  compareWith: '对比对象',
  compareNow: '现在（实时）',
  comparePrev: (title, period) => `${title}（${periodName(period)}）`,
  noPrevious: '没有更早的同范围督查',
  compareHeads: { unit: '单位', progress: '进度', expected: '应达', count: '任务数', done: '完成', overdue: '逾期', blocked: '受阻', health: '健康' },
  notThen: '当时不在',
  report: '下载报告（Excel）',
  print: '打印版',
  stillCapturing: '此督查仍在冻结中，稍后自动刷新',
  unknownInspection: (id) => `未找到督查 ${id}`,
  overdueMark: '逾期',
  // The printable page
  printTitle: (org) => `${org} · 督查报告`,
  printPeriod: (period) => `期间：${periodName(period)}（${period}）`,
  printScope: (name) => `单位：${name}及以下`,
  printTaken: (when) => `冻结时间：${when}`,
  summaryTable: '一、汇总',
  tasksTable: '二、任务台账',
  alertsTable: '三、未解除的预警',
  compareTable: '四、与上次督查对比',
  findingsTable: '五、发现的问题及整改',
  findingHeads: { unit: '被督查单位', text: '问题', due: '整改期限', state: '整改状态', inspector: '提出单位' },
  inspectionFindings: '本次督查发现的问题',
  noFindings: '本单位及以下还没有本次督查发现的问题',
  findingBy: (name) => `提出：${name}`,
  findingTask: (progress) => `整改进度 ${progress}%`,
  comparedWith: (title, period, when) => `对比对象：${title}（${periodName(period)}），冻结于 ${when}`,
  taskHeads: { title: '任务', track: '类别', due: '截止', status: '状态', progress: '进度' },
  alertHeads: { unit: '单位', severity: '级别', message: '内容', since: '发生于' },
  printButton: '打印 / 存为 PDF',
  page: (n, total) => `第 ${n} 页，共 ${total} 页`,
  pageBox: ['第 ', ' 页，共 ', ' 页'],
  noneRow: '无',
  periodName: (period) => periodName(period),
  // 提出整改 on the view
  raiseTitle: '提出整改',
  raiseNote: (unit) => `对${unit}提出督查发现（互观互检），同时下达其整改任务；整改完成后由提出单位确认销号`,
  raiseText: '发现的问题及整改要求',
  raiseDue: '整改期限',
  raiseTrack: '类别',
  raiseBy: '提出单位',
  raise: '提出整改',
  raising: '正在提交…',
  raiseEmpty: '请填写发现的问题',
  raised: (unit, task) => `已对${unit}提出整改，整改任务 ${task} 已下达`,
  raiseForbidden: '你无权对该单位提出整改（不能检查本单位及下级）',
  raiseRefused: (detail) => `未能提出：${detail}`,
  raiseFailed: '提交失败，请检查网络后重试',
};

const en = {
  title: 'Cascade · Inspections',
  brand: 'Dual-wheel drive · inspections',
  workbench: 'Workbench',
  inspections: 'Inspections',
  listTitle: 'Inspections',
  listNote: 'Each inspection freezes the unit tree, tasks and alerts as they were; it never changes afterwards',
  none: 'No inspections yet',
  heads: { title: 'Title', period: 'Period', scope: 'Scope', state: 'State', takenAt: 'Frozen at' },
  states: { capturing: 'Freezing…', captured: 'Frozen' },
  newTitle: 'New inspection',
  newNote: 'Freezes the chosen unit and the units below as they are now; nobody has to report anything new',
  fTitle: 'Title',
  fPeriod: 'Period',
  fPeriodHint: 'a quarter 2026-q4, a half year 2026-h2 or a year 2026',
  fScope: 'Scope (the unit and below)',
  fInspectors: 'Inspecting units (optional, several allowed)',
  capture: 'Freeze and save',
  capturing: 'Freezing…',
  defaultTitle: (period) => `Inspection ${period}`,
  forbidden: 'Only admins and leaders may start an inspection',
  refused: (detail) => `Not started: ${detail}`,
  failed: 'Could not start it; check the network and try again',
  open: 'Open',
  back: '‹ Inspections',
  viewTitle: (title, period) => `${title} (${enPeriodName(period)})`,
  takenAt: (when) => `frozen at ${when}`,
  scopeOf: (name) => `Scope: ${name} and below`,
  unitsCount: (n) => `${n} ${n === 1 ? 'unit' : 'units'}`,
  up: (name) => `‹ Back to ${name}`,
  below: 'Units below',
  noBelow: 'No units below',
  frozenTasks: 'Tasks when frozen',
  frozenAlerts: 'Open alerts when frozen',
  noFrozenTasks: 'This unit had no tasks when frozen',
  noFrozenAlerts: 'This unit had no open alerts when frozen',
  compareTitle: 'Compare',
  compareWith: 'Compare with',
  compareNow: 'Now (live)',
  comparePrev: (title, period) => `${title} (${period})`,
  noPrevious: 'No earlier inspection of this scope',
  compareHeads: { unit: 'Unit', progress: 'Progress', expected: 'Expected', count: 'Tasks', done: 'Done', overdue: 'Overdue', blocked: 'Blocked', health: 'Health' },
  notThen: 'not in it',
  report: 'Download report (Excel)',
  print: 'Printable page',
  stillCapturing: 'This inspection is still freezing; the page refreshes by itself',
  unknownInspection: (id) => `Inspection ${id} not found`,
  overdueMark: 'overdue',
  printTitle: (org) => `${org} · inspection report`,
  printPeriod: (period) => `Period: ${enPeriodName(period)} (${period})`,
  printScope: (name) => `Unit: ${name} and below`,
  printTaken: (when) => `Frozen at: ${when}`,
  summaryTable: '1. Summary',
  tasksTable: '2. Task ledger',
  alertsTable: '3. Open alerts',
  compareTable: '4. Compared with the previous inspection',
  findingsTable: '5. Findings and their rectification',
  findingHeads: { unit: 'Inspected unit', text: 'Finding', due: 'Put right by', state: 'State', inspector: 'Raised by' },
  inspectionFindings: 'Findings of this inspection',
  noFindings: 'No findings of this inspection on this unit or below',
  findingBy: (name) => `Raised by ${name}`,
  findingTask: (progress) => `rectification ${progress}%`,
  comparedWith: (title, period, when) => `Compared with: ${title} (${period}), frozen at ${when}`,
  taskHeads: { title: 'Task', track: 'Track', due: 'Due', status: 'Status', progress: 'Progress' },
  alertHeads: { unit: 'Unit', severity: 'Severity', message: 'Message', since: 'Since' },
  printButton: 'Print / save as PDF',
  page: (n, total) => `Page ${n} of ${total}`,
  pageBox: ['Page ', ' of ', ''],
  noneRow: 'None',
  periodName: (period) => enPeriodName(period),
  raiseTitle: 'Raise a finding',
  raiseNote: (unit) => `Record a finding on ${unit} (peer inspection); it gets a rectification task, signed off by the raising unit once done`,
  raiseText: 'What was found and what must be put right',
  raiseDue: 'Put right by',
  raiseTrack: 'Track',
  raiseBy: 'Raised by',
  raise: 'Raise finding',
  raising: 'Sending…',
  raiseEmpty: 'Describe what was found',
  raised: (unit, task) => `Finding raised on ${unit}; rectification task ${task} handed down`,
  raiseForbidden: 'You may not raise a finding on this unit (not on your own unit or below it)',
  raiseRefused: (detail) => `Not raised: ${detail}`,
  raiseFailed: 'Could not send it; check the network and try again',
};

/** 2026-q4 → 2026年第四季度, 2026-h2 → 2026年下半年, 2026 → 2026年度; anything else as it is. */
export function periodName(period) {
  const match = /^(\d{4})(?:-([qh])([1-4]))?$/.exec(period ?? '');
  if (!match) return period ?? '';
  const [, year, kind, n] = match;
  if (!kind) return `${year}年度`;
  if (kind === 'h') return `${year}年${n === '1' ? '上' : '下'}半年`;
  return `${year}年第${'一二三四'[Number(n) - 1]}季度`;
}

/** 2026-q4 → Q4 2026, 2026-h1 → first half of 2026, 2026 → the year 2026. */
export function enPeriodName(period) {
  const match = /^(\d{4})(?:-([qh])([1-4]))?$/.exec(period ?? '');
  if (!match) return period ?? '';
  const [, year, kind, n] = match;
  if (!kind) return `the year ${year}`;
  return kind === 'h' ? `${n === '1' ? 'first' : 'second'} half of ${year}` : `Q${n} ${year}`;
}

/** The current quarter in the browser's calendar: 2026-q4. */
export function currentQuarter(now = new Date()) {
  return `${now.getFullYear()}-q${Math.floor(now.getMonth() / 3) + 1}`;
}

/** yyyy-mm-dd hh:mm in the browser's zone. */
export function timeFormatter(language) {
  const format = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN',
    { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return (iso) => {
    const t = Date.parse(iso ?? '');
    return Number.isFinite(t) ? format.format(t) : '';
  };
}

/** The workbench's words (and so the wall's) with the inspections' added. */
export function strings(lang) {
  return { ...workbenchStrings(lang), ...(lang === 'en' ? en : zh) };
}
