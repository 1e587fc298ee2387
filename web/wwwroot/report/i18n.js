// The year report page's words, Chinese first with English. Alert rule names are the wall's
// (wall/i18n.js), so every screen names a rule the same way.

import { strings as wallStrings } from '../wall/i18n.js';

export { percent } from '../wall/i18n.js';

const zh = {
  lang: 'English',
  back: '返回工作台',
  year: '年度',
  depth: '层级',
  xlsx: '导出 Excel',
  print: '打印 / 存为 PDF',
  title: (year) => `${year} 年度工作报告`,
  subtitle: (unit, cut) => `${unit} · 述职评议考核材料 · 数据截至 ${cut}`,
  loading: '正在读取…',
  failed: '读取失败，请刷新重试。',
  unknown: '单位不存在。',
  noUnit: '请在地址中指定单位（?unit=）。',
  sections: {
    tasks: '一、任务完成情况（按截止日期所在年度）',
    directives: '二、交办事项',
    duties: '三、定期任务（三会一课、主题党日）',
    alerts: '四、预警（按规则）',
    months: '五、月度进度与期望',
    tags: '七、按标签统计',
    findings: '六、互观互检发现问题与整改销号',
  },
  cols: {
    unit: '单位', track: '类别', count: '任务数', done: '完成', onTime: '按期完成', overdue: '年末逾期',
    received: '收到', schedule: '定期任务', due: '应完成', rule: '规则', raised: '触发',
    month: (m) => `${m}月`, tag: '标签', raisedFindings: '发现问题', closedFindings: '已销号', meanDays: '平均销号天数',
  },
  tracks: { party: '党建', business: '业务', all: '合计', directives: '交办' },
  none: '无',
  noPoint: '—',
  cell: (p, e) => `${p}\n${e}`,
  monthsNote: '每格上为进度、下为期望：月末时点（次月1日零时）的记录，本月取今日记录；无记录为“—”。',
  rowsNote: '每行统计该单位及其下属全部单位。',
  footnote: '本报告由已填报数据生成，不含排名、评分与响应时间。',
  rules: wallStrings('zh').rules,
};

const en = {
  lang: '中文',
  back: 'Back to the workbench',
  year: 'Year',
  depth: 'Depth',
  xlsx: 'Export to Excel',
  print: 'Print / save as PDF',
  title: (year) => `Year report ${year}`,
  subtitle: (unit, cut) => `${unit} · material for the annual review · data as of ${cut}`,
  loading: 'Loading…',
  failed: 'Could not load the report; refresh to try again.',
  unknown: 'The unit does not exist.',
  noUnit: 'Name a unit in the address (?unit=).',
  sections: {
    tasks: '1. Tasks (by the year of their due date)',
    directives: '2. Directives received',
    duties: '3. Recurring duties',
    alerts: '4. Alerts raised, by rule',
    months: '5. Monthly progress against expected',
    tags: '7. By tag',
    findings: '6. Findings put right and signed off',
  },
  cols: {
    unit: 'Unit', track: 'Track', count: 'Tasks', done: 'Done', onTime: 'Done on time', overdue: 'Overdue at year end',
    received: 'Received', schedule: 'Duty', due: 'Due', rule: 'Rule', raised: 'Raised',
    month: (m) => `M${m}`, tag: 'Tag', raisedFindings: 'Raised', closedFindings: 'Closed', meanDays: 'Mean days to close',
  },
  tracks: { party: 'Party', business: 'Business', all: 'All', directives: 'Directives' },
  none: 'None',
  noPoint: '—',
  cell: (p, e) => `${p}\n${e}`,
  monthsNote: 'Each cell: progress above, expected below, at the month\'s end (the point of the next month\'s 1st), this month today\'s; "—": no point.',
  rowsNote: 'Each row counts the unit and every unit below it.',
  footnote: 'Built from what was already reported: no ranks, no scores, no response times.',
  rules: wallStrings('en').rules,
};

export const words = { zh, en };
