// Every word the workbench adds to the wall's (figures keep the wall's names, so the two
// screens say the same thing). Chinese first. Unit names, task titles and notes come from the data.

import { strings as wallStrings } from '../wall/i18n.js';
import { zhTaskForm, enTaskForm } from './task-form-i18n.js';
import { zhImport, enImport } from './import-i18n.js';
import { zhDirectives, enDirectives } from './directives-i18n.js';
import { zhSchedules, enSchedules } from './schedules-i18n.js';
import { zhFindings, enFindings } from './findings-i18n.js';
import { zhTrend, enTrend } from './trend-i18n.js';

const zh = {
  title: 'Cascade · 工作台',
  brand: '党建业务双轮驱动 · 工作台',
  signOut: '退出',
  switchTo: 'English',
  unit: '单位',
  roles: { admin: '管理员', leader: '领导', editor: '填报员', viewer: '查看' },
  person: (name, role) => `${name}（${role}）`,
  readOnly: '只读：你无权修改此单位的任务',
  mayWrite: '可填报此单位的任务',
  due: '截止',
  progress: '进度',
  statusLabel: '状态',
  note: '备注',
  notePlaceholder: '进展说明（可选）',
  saveNote: '保存备注',
  update: '填报',
  close: '收起',
  stale: '久未更新',
  staleTasks: '久未更新',
  openTasks: '待办任务',
  doneTasks: '已完成',
  exportTasks: '导出任务台账（Excel，本单位及下级）',
  taskCount: (n) => `${n} 项`,
  allDone: '任务都已完成',
  system: '系统',
  showFigures: '展开各项数据',
  hideFigures: '收起各项数据',
  noTasksHere: '本单位暂无任务',
  updatedBy: (who, when) => `${who} 更新于 ${when}`,
  saved: '已保存',
  saving: '正在保存…',
  conflict: (value) => `此任务刚被他人修改，当前值为：${value}`,
  conflictValue: (progress, status, note) => `进度 ${progress}%，状态 ${status}${note ? `，备注“${note}”` : ''}`,
  forbidden: '你无权修改此单位的任务',
  invalid: (detail) => `未能保存：${detail}`,
  failed: '保存失败，请检查网络后重试',
  gone: '此任务已被删除',
  reopenNeedsProgress: '此任务已完成；要重新打开，请选择实际进度',
  loading: '正在加载…',
  unknownUnit: (id) => `未找到单位 ${id}`,
  live: '实时',
  connectionLost: '连接中断，正在重连；显示的数据可能不是最新',
  alertsTitle: '预警',
  alertCount: (n) => `${n} 条未解除`,
  noAlerts: '暂无未解除的预警',
  severity: { red: '红色预警', amber: '黄色预警' },
  firedAt: (when) => `发出于 ${when}`,
  level: (n) => `第 ${n} 级督办`,
  answeredBy: (who, when, note) => `已确认：${who}，${when}${note ? `——${note}` : ''}`,
  acknowledge: '确认收到',
  ackNote: '处理意见',
  ackPlaceholder: '处理意见（必填）：正在做什么',
  ackNeedsNote: '请填写处理意见再确认',
  ackForbidden: '你无权确认此预警',
  ackResolved: '此预警已解除，无需确认',
  ackGone: '此预警已不存在',
  openLedger: '督办台账',
  openReport: '年度报告',
  inspectionsLink: '督查',
};

const en = {
  title: 'Cascade · Workbench',
  brand: 'Dual-wheel drive · workbench',
  signOut: 'Sign out',
  switchTo: '中文',
  unit: 'Unit',
  roles: { admin: 'admin', leader: 'leader', editor: 'editor', viewer: 'viewer' },
  person: (name, role) => `${name} (${role})`,
  readOnly: 'Read-only: you may not change the tasks of this unit',
  mayWrite: 'You may report the tasks of this unit',
  due: 'Due',
  progress: 'Progress',
  statusLabel: 'Status',
  note: 'Note',
  notePlaceholder: 'What happened (optional)',
  saveNote: 'Save note',
  update: 'Update',
  close: 'Close',
  stale: 'Stale',
  staleTasks: 'Stale',
  openTasks: 'Open tasks',
  doneTasks: 'Done',
  exportTasks: 'Export the tasks (Excel, this unit and below)',
  taskCount: (n) => `${n} task${n === 1 ? '' : 's'}`,
  allDone: 'Every task is done',
  system: 'System',
  showFigures: 'Show all figures',
  hideFigures: 'Hide the figures',
  noTasksHere: 'This unit has no tasks yet',
  updatedBy: (who, when) => `${who}, ${when}`,
  saved: 'Saved',
  saving: 'Saving…',
  conflict: (value) => `Someone else just changed this task. It now reads: ${value}`,
  conflictValue: (progress, status, note) => `progress ${progress}%, status ${status}${note ? `, note “${note}”` : ''}`,
  forbidden: 'You may not change the tasks of this unit',
  invalid: (detail) => `Not saved: ${detail}`,
  failed: 'Not saved: check the connection and try again',
  gone: 'This task has been deleted',
  reopenNeedsProgress: 'This task is done; to reopen it, choose its real progress',
  loading: 'Loading…',
  unknownUnit: (id) => `Unit ${id} not found`,
  live: 'live',
  connectionLost: 'Connection lost, reconnecting; figures may be out of date',
  alertsTitle: 'Alerts',
  alertCount: (n) => `${n} open`,
  noAlerts: 'No open alerts',
  severity: { red: 'Red', amber: 'Amber' },
  firedAt: (when) => `raised ${when}`,
  level: (n) => `level ${n}`,
  answeredBy: (who, when, note) => `Acknowledged by ${who}, ${when}${note ? `: ${note}` : ''}`,
  acknowledge: 'Acknowledge',
  ackNote: 'What is being done',
  ackPlaceholder: 'What is being done (required)',
  ackNeedsNote: 'Say what is being done, then acknowledge',
  ackForbidden: 'You may not acknowledge this alert',
  ackResolved: 'This alert has cleared; nothing to acknowledge',
  ackGone: 'This alert no longer exists',
  openLedger: 'Alert ledger',
  openReport: 'Year report',
  inspectionsLink: 'Inspections',
};

/** The wall's words (figures, health, status) with the workbench's own added. */
export function strings(lang) {
  const wall = wallStrings(lang);
  return { ...wall, ...(lang === 'en' ? en : zh), ...(lang === 'en' ? enTaskForm : zhTaskForm), ...(lang === 'en' ? enImport : zhImport), ...(lang === 'en' ? enDirectives : zhDirectives), ...(lang === 'en' ? enSchedules : zhSchedules), ...(lang === 'en' ? enFindings : zhFindings), ...(lang === 'en' ? enTrend : zhTrend), wallTitle: wall.subtitle };
}

/** zh unless asked otherwise: ?lang= first, then what this browser chose last time. */
export function chooseLanguage(query, storage) {
  const asked = query.get('lang');
  if (asked === 'en' || asked === 'zh') {
    try { storage?.setItem('cascade.lang', asked); } catch { /* private mode: not remembered */ }
    return asked;
  }
  try {
    return storage?.getItem('cascade.lang') === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}
