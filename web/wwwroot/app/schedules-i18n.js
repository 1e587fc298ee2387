// The words of schedules (例行工作: 三会一课, 主题党日) on the workbench, Chinese first: a branch's
// duties of this period, an instance's label, the issuer's 例行工作 section with its grid of the
// last 12 periods, and the form that creates or edits a schedule.

import { parsePeriod } from './periods.js';

const zhNumerals = ['', '一', '二', '三', '四'];
const enMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const zhSchedules = {
  periodLabel(name) {
    const p = parsePeriod(name);
    if (!p) return String(name ?? '');
    switch (p.kind) {
      case 'month': return `${p.year}年${p.index}月`;
      case 'quarter': return `${p.year}年第${zhNumerals[p.index]}季度`;
      case 'halfYear': return `${p.year}年${p.index === 1 ? '上' : '下'}半年`;
      default: return `${p.year}年`;
    }
  },
  periodShort(name) {
    const p = parsePeriod(name);
    if (!p) return String(name ?? '');
    switch (p.kind) {
      case 'month': return p.index === 1 ? `${p.year}.1` : `${p.index}月`;
      case 'quarter': return `${String(p.year).slice(2)}Q${p.index}`;
      case 'halfYear': return `${String(p.year).slice(2)}${p.index === 1 ? '上' : '下'}`;
      default: return String(p.year);
    }
  },
  thisPeriod: { month: '本月', quarter: '本季度', halfYear: '本半年', year: '本年度' },
  dutiesLabel: '本期例行工作',
  dutyStates: { done: '已完成', overdue: '逾期未完成', open: '未完成' },
  recurring: (period) => `例行 · ${period}`,
  recurringFrom: (unit) => `${unit}下达的例行工作`,
  scheduleOwnedNote: (unit) => `${unit}下达的例行工作：标题、类别、权重、日期和期望由下达单位确定，这里只能填报进度、状态、备注和标签。`,
  schedulesTitle: '例行工作',
  scheduleCount: (n) => `${n} 项`,
  newSchedule: '新建例行工作',
  noSchedules: '本单位尚未设置例行工作',
  every: { month: '每月', quarter: '每季度', halfYear: '每半年', year: '每年' },
  dueWhen: (every, dueDay) => (dueDay === 'last' ? '截止最后一天' : every === 'month' ? `截止${dueDay}日` : `截止末月${dueDay}日`),
  currentPeriod: (label) => `本期 ${label}`,
  heldOf: (done, targets) => `已完成 ${done}/${targets}`,
  notYet: '尚未开始',
  until: (label) => `至 ${label}`,
  gridLabel: (title) => `${title}：近 12 期各单位完成情况`,
  gridUnit: '单位',
  cellWords: { done: '已完成', overdue: '逾期未完成', open: '本期未完成', none: '无' },
  gridLegend: ['✓ 已完成', '✗ 逾期未完成', '… 本期未完成', '空白 无任务'],
  gridLoading: '正在加载…',
  gridFailed: '未能加载，请稍后重试',
  gridEmpty: '尚无任务',
  editSchedule: '编辑',
  deleteSchedule: '删除',
  confirmDeleteSchedule: (title) => `确定删除例行工作“${title}”吗？此后不再生成任务；已生成的任务保留为各支部自有任务。`,
  scheduleDeleted: (title) => `已删除“${title}”；已生成的任务保留为各支部自有任务`,
  scheduleSaved: '已保存',
  scheduleCreated: (n) => `已下达至 ${n} 个单位`,
  scheduleDeploying: (n) => `正在下达至 ${n} 个单位`,
  scheduleRefused: (detail) => `未能保存：${detail}`,
  scheduleForbidden: '你无权以此单位设置例行工作',
  scheduleConflict: '此例行工作刚被他人修改，已显示最新内容；请核对后再保存',
  scheduleField: { title: '标题', track: '类别', weight: '权重', every: '周期', dueDay: '截止日', from: '起始期', until: '结束期', tags: '标签', note: '说明' },
  dueDayLast: '最后一天',
  dueDayDay: (d) => `${d}日`,
  dueDayHint: '季度、半年、年度为最后一个月的这一天；该月较短时取月末',
  untilNone: '长期',
  scheduleTargets: '下达范围',
  scheduleTargetModes: { branches: '下级党支部（含以后新建的）', pick: '指定单位' },
  scheduleRules: [
    [/dueDay must be/i, '截止日须为“最后一天”或 1 至 31 日'],
    [/until must not be before/i, '结束期不能早于起始期'],
    [/must be a .* period/i, '请选择有效的期'],
    [/at most 40/i, '编号最多 40 个字符'],
    [/cannot be changed/i, '例行工作设立后不能修改此项'],
  ],
};

export const enSchedules = {
  periodLabel(name) {
    const p = parsePeriod(name);
    if (!p) return String(name ?? '');
    switch (p.kind) {
      case 'month': return `${enMonths[p.index - 1]} ${p.year}`;
      case 'quarter': return `Q${p.index} ${p.year}`;
      case 'halfYear': return `H${p.index} ${p.year}`;
      default: return String(p.year);
    }
  },
  periodShort(name) {
    const p = parsePeriod(name);
    if (!p) return String(name ?? '');
    switch (p.kind) {
      case 'month': return p.index === 1 ? `Jan ${String(p.year).slice(2)}` : enMonths[p.index - 1];
      case 'quarter': return `Q${p.index} ${String(p.year).slice(2)}`;
      case 'halfYear': return `H${p.index} ${String(p.year).slice(2)}`;
      default: return String(p.year);
    }
  },
  thisPeriod: { month: 'This month', quarter: 'This quarter', halfYear: 'This half-year', year: 'This year' },
  dutiesLabel: 'Duties of this period',
  dutyStates: { done: 'done', overdue: 'late', open: 'not done yet' },
  recurring: (period) => `Recurring · ${period}`,
  recurringFrom: (unit) => `A recurring duty set by ${unit}`,
  scheduleOwnedNote: (unit) => `A recurring duty set by ${unit}: its title, track, weight, dates and expectation are set there; report progress, status, note and tags here.`,
  schedulesTitle: 'Recurring duties',
  scheduleCount: (n) => `${n} set`,
  newSchedule: 'New duty',
  noSchedules: 'This unit has not set any recurring duty',
  every: { month: 'Monthly', quarter: 'Quarterly', halfYear: 'Half-yearly', year: 'Yearly' },
  dueWhen: (every, dueDay) => (dueDay === 'last' ? 'due on the last day' : every === 'month' ? `due on day ${dueDay}` : `due on day ${dueDay} of the last month`),
  currentPeriod: (label) => `Now: ${label}`,
  heldOf: (done, targets) => `${done}/${targets} done`,
  notYet: 'not started yet',
  until: (label) => `until ${label}`,
  gridLabel: (title) => `${title}: each unit over the last 12 periods`,
  gridUnit: 'Unit',
  cellWords: { done: 'done', overdue: 'late, not done', open: 'this period, not done yet', none: 'none' },
  gridLegend: ['✓ done', '✗ late, not done', '… this period, not done yet', 'blank: none'],
  gridLoading: 'Loading…',
  gridFailed: 'Could not load; try again later',
  gridEmpty: 'Nothing handed out yet',
  editSchedule: 'Edit',
  deleteSchedule: 'Delete',
  confirmDeleteSchedule: (title) => `Delete the recurring duty “${title}”? No more tasks come from it; those already handed out stay with each branch as its own tasks.`,
  scheduleDeleted: (title) => `“${title}” deleted; the tasks already handed out stay with each branch as its own`,
  scheduleSaved: 'Saved',
  scheduleCreated: (n) => `Set for ${n} units`,
  scheduleDeploying: (n) => `Being set for ${n} units`,
  scheduleRefused: (detail) => `Not saved: ${detail}`,
  scheduleForbidden: 'You may not set recurring duties from this unit',
  scheduleConflict: 'Someone else just changed this duty; it now shows as it is. Check it, then save again',
  scheduleField: { title: 'Title', track: 'Track', weight: 'Weight', every: 'Every', dueDay: 'Due day', from: 'First period', until: 'Last period', tags: 'Tags', note: 'Note' },
  dueDayLast: 'Last day',
  dueDayDay: (d) => `Day ${d}`,
  dueDayHint: 'For quarters, half-years and years: that day of the last month; its last day when the month is shorter',
  untilNone: 'No end',
  scheduleTargets: 'Set for',
  scheduleTargetModes: { branches: 'the branches below (and later ones)', pick: 'chosen units' },
  scheduleRules: [],
};
