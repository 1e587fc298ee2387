// Every word the wall shows, Chinese first. Unit names and task titles come from the data.

/**
 * An alert's sentence from its figures (docs/domain.md "Alerts": the task's title and due date,
 * or the unit's name), in the table's language; null for an alert stored before alerts carried
 * figures, or of a rule this page does not know.
 */
function sentence(table, alert) {
  const say = table[alert.rule];
  return alert.figures && say ? say(alert.figures) : null;
}

// The server's Chinese message for scripts (grains/Alerts/AlertText.cs) says the same.
const zhSentences = {
  taskOverdue: (f) => `任务「${f.title}」已逾期（截止 ${f.due}）`,
  taskBlocked: (f) => `任务「${f.title}」受阻`,
  taskStale: (f) => `任务「${f.title}」久未更新`,
  unitBehind: (f) => `${f.unit}进度落后于应达`,
  unitImbalance: (f) => `${f.unit}党建与业务进度脱节（两张皮）`,
};

const enSentences = {
  taskOverdue: (f) => `Task “${f.title}” is overdue (due ${f.due})`,
  taskBlocked: (f) => `Task “${f.title}” is blocked`,
  taskStale: (f) => `Task “${f.title}” has not been updated for a long time`,
  unitBehind: (f) => `${f.unit} is behind its expected progress`,
  unitImbalance: (f) => `${f.unit}: party-building and business are drifting apart`,
};

const zh = {
  lang: 'zh-CN',
  subtitle: '党建业务双轮驱动 · 实时监测',
  party: '党建',
  business: '业务',
  partyShort: '党建',
  businessShort: '业务',
  partyLetter: '党',
  businessLetter: '业',
  expected: '应达',
  expectedShort: '应达',
  asOf: '数据截至',
  health: { green: '正常', amber: '关注', red: '滞后', none: '无任务' },
  gap: '进度差',
  imbalance: '两轮差',
  subUnits: '下级',
  overdue: '逾期',
  blocked: '受阻',
  noTasks: '暂无任务',
  needsHelp: '需要帮扶',
  needsHelpNote: '滞后在前 · 原因',
  nobodyLagging: '没有滞后或需关注的单位',
  directives: '交办事项',
  directivesNote: '滞后在前',
  directiveDone: (done, targets) => `${done}/${targets} 完成`,
  directiveProgress: '进度',
  directivesRange: (from, to, n) => `${from}–${to}/${n}`,
  page: (i, n) => `${i}/${n}`,
  reasons: {
    lag: (share) => `进度落后 ${percent(share)}`,
    overdueShare: (n) => `逾期 ${n} 项`,
    blockedShare: (n) => `受阻 ${n} 项`,
    staleShare: (n) => `久未更新 ${n} 项`,
  },
  recent: '最新动态',
  nothingRecent: '暂无变化',
  newTask: '新任务',
  status: { notStarted: '未开始', inProgress: '进行中', blocked: '受阻', done: '完成' },
  more: (n) => `另有 ${n} 个单位`,
  tilesPage: (i, n) => `第 ${i}/${n} 页`,
  back: (name) => `‹ 返回${name}`,
  connectionLost: (t) => `连接中断 — 显示 ${t} 的数据`,
  connecting: '正在连接…',
  unitNotFound: (id) => `未找到单位 ${id}`,
  notAllowed: '此大屏需要有效的展示链接',
  notAllowedNote: '请向管理员索取展示链接（含 kiosk 令牌）；稍后自动重试',
  retrying: '稍后自动重试',
  kioskAllows: (name, n) => `此展示链接只能显示 ${name}${n > 0 ? ` 及以下\u00a0${n}\u00a0层` : ''}`, // \u00a0: one phrase, never split
  kioskAllowsNote: '请使用管理员提供的原链接，或请管理员另建展示链接',
  legendExpected: '应达进度',
  legendBusiness: '业务',
  alerts: '预警',
  alertsOnTile: (n, escalated) => `${n} 条未解除预警${escalated ? '，其中有已升级督办的' : ''}`,
  findingsOnTile: (n) => `${n} 条督查发现待整改或待销号`,
  escalatedTo: (name) => `已升级至${name}`,
  acknowledged: '已确认',
  escalatedCount: (n) => `升级 ${n}`,
  legendAlert: '预警',
  legendEscalated: '已升级督办',
  duties: '组织生活',
  dutiesTitle: (done, due) => `本期组织生活（三会一课、主题党日）：已开 ${done}，应开 ${due}`,
  legendDuties: '组织生活 已开/应开',
  rules: {
    taskOverdue: '任务逾期',
    taskBlocked: '任务受阻',
    taskStale: '任务久未更新',
    unitBehind: '进度落后于应达',
    unitImbalance: '党建与业务脱节',
  },
  /** Made here from the alert's figures; an alert stored before figures says what it was stored with. */
  alertText: (alert, rules) => sentence(zhSentences, alert) ?? (alert.message || rules[alert.rule] || alert.rule),
};

const en = {
  lang: 'en',
  subtitle: 'Party-building and business · live',
  party: 'Party',
  business: 'Business',
  partyShort: 'Party',
  businessShort: 'Biz',
  partyLetter: 'P',
  businessLetter: 'B',
  expected: 'expected',
  expectedShort: 'exp.',
  asOf: 'Data as of',
  health: { green: 'On track', amber: 'Watch', red: 'Behind', none: 'No tasks' },
  gap: 'Gap',
  imbalance: 'Imbalance',
  subUnits: 'Below',
  overdue: 'Late',
  blocked: 'Stuck',
  noTasks: 'No tasks yet',
  needsHelp: 'Needs help',
  needsHelpNote: 'worst first',
  nobodyLagging: 'No unit is behind or on watch',
  directives: 'Directives',
  directivesNote: 'worst first',
  directiveDone: (done, targets) => `${done}/${targets} done`,
  directiveProgress: 'progress',
  directivesRange: (from, to, n) => `${from}–${to}/${n}`,
  page: (i, n) => `${i}/${n}`,
  reasons: {
    lag: (share) => `${percent(share)} behind`,
    overdueShare: (n) => `${n} overdue`,
    blockedShare: (n) => `${n} blocked`,
    staleShare: (n) => `${n} not updated`,
  },
  recent: 'Latest changes',
  nothingRecent: 'No changes yet',
  newTask: 'new task',
  status: { notStarted: 'not started', inProgress: 'in progress', blocked: 'blocked', done: 'done' },
  more: (n) => `${n} more unit${n === 1 ? '' : 's'}`,
  tilesPage: (i, n) => `page ${i}/${n}`,
  back: (name) => `‹ Back to ${name}`,
  connectionLost: (t) => `Connection lost — showing data from ${t}`,
  connecting: 'Connecting…',
  unitNotFound: (id) => `Unit ${id} not found`,
  notAllowed: 'This wall needs a valid kiosk link',
  notAllowedNote: 'Ask an administrator for a kiosk link; retrying automatically',
  retrying: 'Retrying automatically',
  kioskAllows: (name, n) => `This kiosk link shows only ${name}${n > 0 ? ` and ${n} level${n === 1 ? '' : 's'} below it` : ''}`,
  kioskAllowsNote: 'Use the link as the administrator gave it, or ask for another kiosk link',
  legendExpected: 'expected by now',
  legendBusiness: 'Business (Biz)',
  alerts: 'Alerts',
  alertsOnTile: (n, escalated) => `${n} open alert${n === 1 ? '' : 's'}${escalated ? ', escalated' : ''}`,
  findingsOnTile: (n) => `${n} inspection finding${n === 1 ? '' : 's'} being put right or awaiting sign-off`,
  escalatedTo: (name) => `escalated to ${name}`,
  acknowledged: 'acknowledged',
  escalatedCount: (n) => `${n} escalated`,
  legendAlert: 'alert',
  legendEscalated: 'escalated',
  duties: 'Duties',
  dutiesTitle: (done, due) => `This period's duties (meetings, theme days): ${done} of ${due} held`,
  legendDuties: 'duties held/due',
  rules: {
    taskOverdue: 'Task overdue',
    taskBlocked: 'Task blocked',
    taskStale: 'Task not updated',
    unitBehind: 'Behind expected progress',
    unitImbalance: 'Party and business drifting apart',
  },
  /** Made here from the alert's figures; an alert stored before figures has only a Chinese message: say the rule. */
  alertText: (alert, rules) => sentence(enSentences, alert) ?? rules[alert.rule] ?? alert.rule,
};

export const glyphs = { green: '✓', amber: '!', red: '✕', none: '—', alert: '⚑', escalated: '↑', finding: '改' };

export function strings(lang) {
  return lang === 'en' ? en : zh;
}

/**
 * Shows each full name, and the short one where the full one does not fit. All writes, then all
 * reads, then the few writes, so the page lays out at most twice.
 */
export function fitNames(items) {
  for (const item of items) if (item.element.textContent !== item.full) item.element.textContent = item.full;
  const tooWide = items.filter((item) => item.short && item.element.scrollWidth > item.element.clientWidth + 1);
  for (const item of tooWide) item.element.textContent = item.short;
}

/**
 * What is wrong with a unit, in words, worst first: its summary's healthReasons (docs/api.md
 * "Summary"), the shares said as task counts ("逾期 2 项") and the lag as a percentage
 * ("进度落后 12%"). Empty when green or grey, or from a server without healthReasons.
 */
export function reasonWords(t, summary) {
  const reasons = Array.isArray(summary?.healthReasons) ? summary.healthReasons : [];
  const all = summary?.all ?? {};
  const counts = { overdueShare: all.overdue, blockedShare: all.blocked, staleShare: all.stale };
  const words = [];
  for (const reason of reasons) {
    const say = t.reasons[reason?.reason];
    if (!say) continue;
    words.push({ level: reason.level === 'red' ? 'red' : 'amber', text: reason.reason === 'lag' ? say(reason.value) : say(counts[reason.reason] ?? 0) });
  }
  return words;
}

/** A fraction 0..1 as a whole percentage, or a dash when there is nothing to measure. */
export function percent(fraction) {
  return fraction == null || !Number.isFinite(fraction) ? '—' : `${Math.round(fraction * 100)}%`;
}

/** Formats instants in one time zone (the organization's when known, else the screen's). */
export function clockFormats(lang, timeZone) {
  const options = { hourCycle: 'h23', timeZone: timeZone || undefined };
  const locale = lang === 'en' ? 'en-GB' : 'zh-CN';
  let seconds, minutes, date;
  try {
    seconds = new Intl.DateTimeFormat(locale, { ...options, hour: '2-digit', minute: '2-digit', second: '2-digit' });
    minutes = new Intl.DateTimeFormat(locale, { ...options, hour: '2-digit', minute: '2-digit' });
    date = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: options.timeZone, dateStyle: 'full' });
  } catch {
    return clockFormats(lang, null); // an unknown zone name: fall back to the screen's own
  }
  return {
    seconds: (ms) => seconds.format(ms),
    minutes: (ms) => minutes.format(ms),
    date: (ms) => date.format(ms),
  };
}
