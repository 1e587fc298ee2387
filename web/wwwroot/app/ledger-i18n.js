// The ledger's own words (督办台账), added to the workbench's. Chinese first.

import { strings as workbenchStrings } from './i18n.js';

const zh = {
  title: 'Cascade · 督办台账',
  brand: '党建业务双轮驱动 · 督办台账',
  ledgerTitle: (unit) => `督办台账 · ${unit}及下级`,
  workbench: '工作台',
  unit: '单位',
  ruleLabel: '规则',
  allRules: '全部规则',
  severityLabel: '级别',
  tagLabel: '标签',
  allSeverities: '全部级别',
  stateLabel: '状态',
  allOpen: '全部未解除',
  states: { firing: '未确认', acknowledged: '已确认' },
  sortLabel: '排序',
  sorts: { since: '按发生时间', severity: '按级别' },
  escalatedHere: '仅看升级至本单位的',
  ledgerCount: (shown, total) => (shown === total ? `共 ${total} 条未解除的预警` : `显示 ${shown} 条，共 ${total} 条未解除`),
  ledgerEmpty: '没有符合条件的未解除预警',
  refresh: '刷新',
  exportXlsx: '导出 Excel',
  since: (when) => `发生于 ${when}`,
  liveStates: { connecting: '连接中…', live: '实时', lost: '正在重连…' },
};

const en = {
  title: 'Cascade · Alert ledger',
  brand: 'Dual-wheel drive · alert ledger',
  ledgerTitle: (unit) => `Alert ledger · ${unit} and below`,
  workbench: 'Workbench',
  unit: 'Unit',
  ruleLabel: 'Rule',
  allRules: 'All rules',
  severityLabel: 'Severity',
  tagLabel: 'Label',
  allSeverities: 'All',
  stateLabel: 'State',
  allOpen: 'All open',
  states: { firing: 'Not acknowledged', acknowledged: 'Acknowledged' },
  sortLabel: 'Sort',
  sorts: { since: 'Newest first', severity: 'Red first' },
  escalatedHere: 'Only escalated to this unit',
  ledgerCount: (shown, total) => (shown === total
    ? `${total} open ${total === 1 ? 'alert' : 'alerts'}`
    : `${shown} of ${total} open ${total === 1 ? 'alert' : 'alerts'}`),
  ledgerEmpty: 'No open alerts match',
  refresh: 'Refresh',
  exportXlsx: 'Export to Excel',
  since: (when) => `since ${when}`,
  liveStates: { connecting: 'Connecting…', live: 'Live', lost: 'Reconnecting…' },
};

/** The workbench's words (and so the wall's) with the ledger's added. */
export function strings(lang) {
  return { ...workbenchStrings(lang), ...(lang === 'en' ? en : zh) };
}
