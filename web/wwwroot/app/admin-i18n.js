// The admin console's words, Chinese first, and the API's refusals put into Chinese sentences.
// In English the API's own problem detail is shown as it is (it is written in English).

const zh = {
  lang: 'zh-CN', switchTo: 'English', title: 'Cascade · 管理', brand: '党建业务双轮驱动 · 管理',
  signOut: '退出', workbench: '工作台', heading: '管理', loading: '正在加载…',
  notAdmin: '只有管理员可以使用管理页面',
  roles: { admin: '管理员', leader: '领导', editor: '填报员', viewer: '查看' },
  kinds: { partyGroup: '党组', organCommittee: '机关党委', generalBranch: '党总支', branch: '党支部', office: '处室 / 直属单位' },
  person: (name, role) => `${name}（${role}）`,
  units: '组织架构', users: '用户', kiosks: '大屏链接',
  noUnits: '还没有单位：先建立根单位（如“厅党组”），上级选“无（根单位）”',
  createUnit: '新建单位', editUnit: '修改、移动或删除单位',
  unitId: '编号（小写字母、数字、-）', unitName: '名称', kind: '类型', parent: '上级单位', sort: '排序',
  unit: '单位', noParent: '无（根单位）', create: '新建', save: '保存', del: '删除',
  unitCreated: (name) => `已新建“${name}”`, unitSaved: (name) => `已保存“${name}”`, unitDeleted: (name) => `已删除“${name}”`,
  nothingChanged: '没有改动',
  confirmDeleteUnit: (name) => `删除单位“${name}”？此操作不能撤销。`,
  createUser: '新建用户', editUser: '修改用户',
  username: '用户名（登录用）', displayName: '姓名（显示用）', role: '角色', password: '初始密码（至少10位）',
  noUnit: '（不绑定单位）', generate: '生成密码', user: '用户',
  userCreated: (name) => `已新建用户“${name}”，请把初始密码交给本人`, userSaved: (name) => `已保存“${name}”`,
  disable: '停用', enable: '启用', disabled: '已停用', resetPassword: '重置密码',
  userDisabled: (name) => `已停用“${name}”`, userEnabled: (name) => `已启用“${name}”`,
  confirmReset: (name) => `为“${name}”生成一个新密码？旧密码和已登录的会话将立即失效。`,
  newPassword: (name) => `“${name}”的新密码`, shownOnce: '新密码只显示这一次，请现在复制并交给本人。',
  copy: '复制', copied: '已复制', copyFailed: '无法自动复制，请选中后手动复制',
  createKiosk: '新建大屏链接', kioskName: '名称（如“一楼大厅”）', depth: '显示层级（0–6）',
  noKiosks: '还没有大屏链接',
  kioskCreated: (name) => `大屏链接“${name}”`,
  kioskLinkNote: '用大屏的浏览器打开此链接，或用手机拍下二维码。链接只显示这一次。',
  kioskQr: '大屏链接的二维码',
  kioskLine: (unit, depth) => `${unit} · 显示 ${depth} 级`,
  createdAt: (when) => `新建于 ${when}`, lastSeen: (when) => `最近使用 ${when}`, neverSeen: '尚未使用',
  revoke: '撤销', confirmRevoke: (name) => `撤销大屏链接“${name}”？用它打开的大屏会在几秒内断开。`,
  kioskRevoked: (name) => `已撤销“${name}”`,
  confirm: '请确认', ok: '确定', cancel: '取消', close: '关闭',
  you: '（你）',
  fields: {
    id: '编号', name: '名称', kind: '类型', parentId: '上级单位', sort: '排序', username: '用户名',
    displayName: '姓名', role: '角色', unitId: '单位', password: '密码', depth: '显示层级',
  },
};

const en = {
  lang: 'en', switchTo: '中文', title: 'Cascade · Admin', brand: 'Dual-wheel drive · admin',
  signOut: 'Sign out', workbench: 'Workbench', heading: 'Admin', loading: 'Loading…',
  notAdmin: 'Only admins may use the admin console',
  roles: { admin: 'admin', leader: 'leader', editor: 'editor', viewer: 'viewer' },
  kinds: { partyGroup: 'Party group', organCommittee: 'Organ committee', generalBranch: 'General branch', branch: 'Party branch', office: 'Office' },
  person: (name, role) => `${name} (${role})`,
  units: 'Units', users: 'Users', kiosks: 'Wall links',
  noUnits: 'No units yet: start with the root (e.g. the party group), parent “none (root)”',
  createUnit: 'New unit', editUnit: 'Rename, move or delete a unit',
  unitId: 'Id (a-z, 0-9, -)', unitName: 'Name', kind: 'Kind', parent: 'Parent', sort: 'Sort',
  unit: 'Unit', noParent: 'None (root)', create: 'Create', save: 'Save', del: 'Delete',
  unitCreated: (name) => `Created “${name}”`, unitSaved: (name) => `Saved “${name}”`, unitDeleted: (name) => `Deleted “${name}”`,
  nothingChanged: 'Nothing changed',
  confirmDeleteUnit: (name) => `Delete the unit “${name}”? This cannot be undone.`,
  createUser: 'New user', editUser: 'Change a user',
  username: 'Username (to sign in)', displayName: 'Display name', role: 'Role', password: 'Initial password (10+ characters)',
  noUnit: '(no unit)', generate: 'Generate', user: 'User',
  userCreated: (name) => `Created “${name}”: hand the initial password to them`, userSaved: (name) => `Saved “${name}”`,
  disable: 'Disable', enable: 'Enable', disabled: 'disabled', resetPassword: 'Reset password',
  userDisabled: (name) => `Disabled “${name}”`, userEnabled: (name) => `Enabled “${name}”`,
  confirmReset: (name) => `Give “${name}” a new password? The old one and their sessions end at once.`,
  newPassword: (name) => `New password of “${name}”`, shownOnce: 'It is shown only this once: copy it now and hand it over.',
  copy: 'Copy', copied: 'Copied', copyFailed: 'Could not copy: select it and copy by hand',
  createKiosk: 'New wall link', kioskName: 'Name (e.g. lobby screen)', depth: 'Levels shown (0–6)',
  noKiosks: 'No wall links yet',
  kioskCreated: (name) => `Wall link “${name}”`,
  kioskLinkNote: 'Open this link in the wall’s browser, or photograph the QR code. The link is shown only this once.',
  kioskQr: 'QR code of the wall link',
  kioskLine: (unit, depth) => `${unit} · ${depth} level${depth === 1 ? '' : 's'}`,
  createdAt: (when) => `created ${when}`, lastSeen: (when) => `last used ${when}`, neverSeen: 'not used yet',
  revoke: 'Revoke', confirmRevoke: (name) => `Revoke the wall link “${name}”? Walls opened with it go dark within seconds.`,
  kioskRevoked: (name) => `Revoked “${name}”`,
  confirm: 'Please confirm', ok: 'OK', cancel: 'Cancel', close: 'Close',
  you: ' (you)',
  fields: {
    id: 'Id', name: 'Name', kind: 'Kind', parentId: 'Parent', sort: 'Sort', username: 'Username',
    displayName: 'Display name', role: 'Role', unitId: 'Unit', password: 'Password', depth: 'Levels',
  },
};

export function strings(lang) { return lang === 'en' ? en : zh; }

// The API's refusals as Chinese sentences: [pattern of its detail, sentence from the captures].
const REFUSALS = [
  [/^Unit '(.+)' still has (\d+) child units\.$/, (m, n) => `单位“${n(m[1])}”下还有 ${m[2]} 个下级单位，不能删除：请先删除或移走下级单位`],
  [/^Unit '(.+)' still has (\d+) tasks\.$/, (m, n) => `单位“${n(m[1])}”还有 ${m[2]} 项任务，不能删除`],
  [/^Unit '(.+)' already exists with other values\.$/, (m) => `编号“${m[1]}”已被另一个单位使用，请换一个编号`],
  [/^There is already a root unit/, () => '已经有根单位了：请选择上级单位'],
  [/^Only the root unit has no parent\.$/, () => '只有根单位可以没有上级单位'],
  [/^Moving '(.+)' under '(.+)' would make a cycle\.$/, () => '不能把单位移到它自己或它的下级单位之下'],
  [/^Unit '(.+)' already has (\d+) children\.$/, (m, n) => `上级单位“${n(m[1])}”已有 ${m[2]} 个下级单位，达到上限`],
  [/^Parent unit '(.+)' does not exist\.$/, (m) => `上级单位“${m[1]}”不存在（可能刚被删除），请刷新页面`],
  [/^Unit '(.+)' does not exist\.$/, (m) => `单位“${m[1]}”不存在（可能刚被删除），请刷新页面`],
  [/^User '(.+)' already exists\.$/, (m) => `用户名“${m[1]}”已被使用，请换一个`],
  [/^User '(.+)' does not exist\.$/, (m) => `用户“${m[1]}”不存在`],
  [/^You cannot disable yourself/, () => '不能停用自己，也不能取消自己的管理员角色'],
  [/^Kiosk '(.+)' does not exist\.$/, () => '此大屏链接已不存在（可能已被撤销）'],
];

const FIELD_RULES = [
  [/^id must match/, () => '编号只能由小写字母、数字和“-”组成，以字母或数字开头，最长 64 位'],
  [/^name must be 1 to (\d+) characters/, (m) => `名称须为 1 到 ${m[1]} 个字符`],
  [/^name is 1 to (\d+) characters/, (m) => `名称须为 1 到 ${m[1]} 个字符`],
  [/^username is 2 to 32 characters/, () => '用户名为 2 到 32 位小写字母、数字、“.”“_”或“-”，以字母或数字开头'],
  [/^A password has at least (\d+) characters/, (m) => `密码至少 ${m[1]} 个字符`],
  [/^A password has at most (\d+) characters/, (m) => `密码最多 ${m[1]} 个字符`],
  [/^displayName is 1 to (\d+) characters/, (m) => `姓名须为 1 到 ${m[1]} 个字符`],
  [/^An editor is bound to a unit/, () => '填报员必须绑定一个单位'],
  [/^depth must be from 0 to (\d+)/, (m) => `显示层级须为 0 到 ${m[1]}`],
  [/required/i, () => '必须填写'],
];

function match(rules, detail, nameOf = (id) => id) {
  for (const [pattern, sentence] of rules) {
    const m = pattern.exec(detail);
    if (m) return sentence(m, nameOf);
  }
  return null;
}

/**
 * What a refused call says, in words: { status, detail, errors } from api -> one sentence.
 * Chinese: the known refusals as sentences (units by name, through `nameOf`), anything else with
 * its field's name and the API's words.
 */
export function explain(text, refusal, nameOf) {
  const { status, detail, errors } = refusal;
  if (status === 0) return text.lang === 'en' ? 'No answer: check the connection and try again' : '没有连上服务器，请检查网络后重试';
  if (status === 403) return text.lang === 'en' ? 'You may not do this' : '你无权进行此操作';
  if (errors && Object.keys(errors).length) {
    return Object.entries(errors).map(([field, messages]) => {
      const label = text.fields[field] ?? field;
      const said = (messages ?? []).map((m) => (text.lang === 'en' ? m : match(FIELD_RULES, m) ?? m)).join(' ');
      return `${label}：${said}`.replace('：', text.lang === 'en' ? ': ' : '：');
    }).join(text.lang === 'en' ? '; ' : '；');
  }
  if (text.lang === 'en') return detail || `Refused (${status})`;
  return match(REFUSALS, detail ?? '', nameOf) ?? `未能完成（${status}）${detail ? `：${detail}` : ''}`;
}
