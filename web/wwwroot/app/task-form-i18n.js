// The words of task editing on the workbench (create, edit, delete), Chinese first. The API
// answers its rules in English under each field's name; in Chinese they are said again here,
// by field and by what the rule is about, and anything not recognised keeps the API's words.

export const zhTaskForm = {
  newTask: '新建任务',
  edit: '编辑',
  editTask: '编辑任务',
  create: '创建',
  save: '保存修改',
  cancel: '取消',
  field: { title: '标题', track: '类别', weight: '权重', start: '开始日期', due: '截止日期', expectation: '期望', note: '备注', tags: '标签' },
  expectations: { linear: '按进度', atDue: '到期完成' },
  expectationHint: '到期完成：截止前不计滞后，适合例会、主题党日等按期完成的事项',
  tagsHint: '用逗号或顿号分隔，最多 10 个，每个不超过 20 字',
  weightHint: '大于 0，不超过 1000；不填为 1',
  deleteTask: '删除任务',
  confirmDelete: (title) => `确定删除“${title}”吗？删除后不能恢复。`,
  confirmDeleteYes: '确认删除',
  deleted: '已删除',
  created: '已创建',
  noChanges: '没有修改',
  fixFields: '未能保存，请按提示修改',
  refused: (detail) => `未能创建：${detail}`,
  conflictEdit: (task) => `此任务刚被他人修改，当前为：“${task.title}”，${task.start} 至 ${task.due}，权重 ${task.weight}。请核对后再保存`,
  conflictDelete: '此任务刚被他人修改，未删除；请核对后再决定',
  fieldRules: [
    [/start must not be after due/i, '开始日期不能晚于截止日期'],
    [/is required|may not be null/i, '此项必填'],
    [/calendar date/i, '请填写有效日期（年-月-日）'],
    [/dates must lie/i, '日期须在 0001-01-02 至 9999-12-30 之间'],
    [/title must be/i, '标题须为 1 至 200 个字'],
    [/weight must be|finite number/i, '权重须为大于 0、不超过 1000 的数'],
    [/note must be/i, '备注最多 2000 字'],
    [/tags may hold/i, '最多 10 个标签'],
    [/each tag must be/i, '每个标签须为 1 至 20 个字'],
    [/tags must not repeat/i, '标签不能重复'],
    [/must be one of/i, '请从选项中选择'],
    [/control|invisible|display/i, '含有不能显示的字符'],
  ],
};

export const enTaskForm = {
  newTask: 'New task',
  edit: 'Edit',
  editTask: 'Edit task',
  create: 'Create',
  save: 'Save changes',
  cancel: 'Cancel',
  field: { title: 'Title', track: 'Track', weight: 'Weight', start: 'Start', due: 'Due', expectation: 'Expected progress', note: 'Note', tags: 'Tags' },
  expectations: { linear: 'Steadily over its dates', atDue: 'By the due date' },
  expectationHint: 'By the due date: never behind before it is due; for meetings, theme days and other duties held by a date',
  tagsHint: 'Separate with commas; at most 10, each up to 20 characters',
  weightHint: 'Above 0, at most 1000; 1 when empty',
  deleteTask: 'Delete task',
  confirmDelete: (title) => `Delete “${title}”? This cannot be undone.`,
  confirmDeleteYes: 'Delete',
  deleted: 'Deleted',
  created: 'Created',
  noChanges: 'Nothing changed',
  fixFields: 'Not saved: see the fields marked below',
  refused: (detail) => `Not created: ${detail}`,
  conflictEdit: (task) => `Someone else just changed this task. It now reads: “${task.title}”, ${task.start} to ${task.due}, weight ${task.weight}. Check it, then save again`,
  conflictDelete: 'Someone else just changed this task, so it was not deleted; check it first',
  fieldRules: [],
};

/** One API message in the page's language: a known rule in its own words, else the API's. */
export function explainRule(text, message) {
  for (const [pattern, words] of text.fieldRules ?? []) if (pattern.test(message)) return words;
  return message;
}
