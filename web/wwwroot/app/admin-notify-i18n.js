// The words of the admin console's notification section (通知 · Notifications), Chinese first.

const zh = {
  notify: '通知', channels: '通知渠道', routes: '通知路由', outbox: '发件箱',
  noChannels: '未配置通知渠道（Cascade:Notify:Channels）', noRoutes: '未配置通知路由：不发送任何通知',
  types: { webhook: 'Webhook', wecom: '企业微信群机器人', dingtalk: '钉钉机器人', smtp: '邮件（SMTP）' },
  target: (host) => (host ? `发往 ${host}` : '未设置地址'),
  test: '发送测试消息', testing: '正在发送…',
  testAnswer: (a) => `${a.delivered ? '已送达' : '未送达'}${a.status != null ? ` · 状态 ${a.status}` : ''}${a.answer ? ` · ${a.answer}` : ''}`,
  testFailed: (status, detail) => `发送失败（${status || '无法连接'}）${detail ? `：${detail}` : ''}`,
  severities: { amber: '黄色及以上', red: '仅红色' },
  events: { fired: '触发', escalated: '升级', resolved: '解除' },
  routeLine: (r, unit, severity, events) =>
    `${unit}及下级 · ${severity} · ${events} · 渠道 ${r.channel} · ${r.digest ? `每个工作日 ${r.digest} 汇总` : '即时（按单位合并）'} · ${r.language === 'en' ? '英文' : '中文'}`,
  timing: (seconds, quiet) => `同一单位 ${seconds} 秒内的事件合并为一条 · ${quiet ? `免打扰 ${quiet}（红色除外）` : '无免打扰时段'}`,
  states: { pending: '待发送', sent: '已发送', failed: '已失败' },
  waiting: (n) => `等待合并或定时发送的事件：${n}`,
  noMessages: '没有此状态的消息',
  messageLine: (m, when, next) => [
    `${m.route} · ${m.kind === 'digest' ? '汇总' : '即时'} · ${m.itemCount} 项 · ${m.unitIds.join('、')}`,
    `建立 ${when(m.createdAt)}`,
    `尝试 ${m.attempts} 次`,
    m.nextAttempt ? `下次 ${when(m.nextAttempt)}` : '',
    m.lastStatus != null ? `状态 ${m.lastStatus}` : '',
  ].filter(Boolean).join(' · '),
  deliveryId: '投递编号', answer: '对方应答',
};

const en = {
  notify: 'Notifications', channels: 'Channels', routes: 'Routes', outbox: 'Outbox',
  noChannels: 'No channel is configured (Cascade:Notify:Channels)', noRoutes: 'No route is configured: nothing is notified',
  types: { webhook: 'Webhook', wecom: 'WeCom group robot', dingtalk: 'DingTalk robot', smtp: 'Email (SMTP)' },
  target: (host) => (host ? `to ${host}` : 'no address'),
  test: 'Send a test message', testing: 'Sending…',
  testAnswer: (a) => `${a.delivered ? 'Delivered' : 'Not delivered'}${a.status != null ? ` · status ${a.status}` : ''}${a.answer ? ` · ${a.answer}` : ''}`,
  testFailed: (status, detail) => `Sending failed (${status || 'unreachable'})${detail ? `: ${detail}` : ''}`,
  severities: { amber: 'amber and red', red: 'red only' },
  events: { fired: 'fired', escalated: 'escalated', resolved: 'resolved' },
  routeLine: (r, unit, severity, events) =>
    `${unit} and below · ${severity} · ${events} · channel ${r.channel} · ${r.digest ? `daily digest at ${r.digest} on working days` : 'at once (grouped by unit)'} · ${r.language === 'en' ? 'English' : 'Chinese'}`,
  timing: (seconds, quiet) => `A unit's events within ${seconds} s go in one message · ${quiet ? `quiet hours ${quiet} (except red)` : 'no quiet hours'}`,
  states: { pending: 'Pending', sent: 'Sent', failed: 'Failed' },
  waiting: (n) => `Events waiting for their group or digest: ${n}`,
  noMessages: 'No message in this state',
  messageLine: (m, when, next) => [
    `${m.route} · ${m.kind === 'digest' ? 'digest' : 'grouped'} · ${m.itemCount} items · ${m.unitIds.join(', ')}`,
    `made ${when(m.createdAt)}`,
    `${m.attempts} attempts`,
    m.nextAttempt ? `next ${when(m.nextAttempt)}` : '',
    m.lastStatus != null ? `status ${m.lastStatus}` : '',
  ].filter(Boolean).join(' · '),
  deliveryId: 'Delivery id', answer: 'Answer',
};

export function notifyStrings(lang) { return lang === 'en' ? en : zh; }
