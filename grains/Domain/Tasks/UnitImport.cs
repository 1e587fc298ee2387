namespace Cascade.Tasks;

/// <summary>
/// An imported sheet's rows for one unit (docs/api.md "Import"), as plain logic over the unit's
/// task list: the check runs every row through <see cref="UnitTasks"/> on a copy of the list (the
/// same rules as POST and PATCH), the apply runs the checked rows on the list itself, each row
/// only against the version it was checked at. The unit grain records, stores and rolls up.
/// </summary>
/// <param name="yearStart">As for <see cref="UnitTasks"/>: archived tasks do not count toward the limit.</param>
public sealed class UnitImport(string unitId, Func<List<TaskItem>> list, Func<DateTimeOffset, DateOnly> yearStart)
{
    /// <summary>Each row's verdict (a row may have several errors); nothing stored changes.</summary>
    public List<ImportOutcome> Check(IReadOnlyList<ImportRow> rows, DateTimeOffset now, string? by)
    {
        var scratch = new List<TaskItem>(list());
        var tasks = new UnitTasks(unitId, () => scratch, yearStart);
        var outcomes = new List<ImportOutcome>(rows.Count);
        foreach (var row in rows)
        {
            if (row.TaskId is { } id && Find(scratch, id) is { } stored) outcomes.Add(CheckUpdate(tasks, stored, row, now, by));
            else CheckCreate(tasks, row, now, by, outcomes);
        }
        return outcomes;
    }

    private static ImportOutcome CheckUpdate(UnitTasks tasks, TaskItem stored, ImportRow row, DateTimeOffset now, string? by)
    {
        var applied = TaskRules.Apply(stored, row.Fields);
        if (!applied.Succeeded) return ImportMessages.Refused(row.Row, applied);
        if (applied.Value!.SameContent(stored)) return new(row.Row, ImportVerdict.Unchanged);
        if (row.Version is not { } version) return new(row.Row, ImportVerdict.Error, "version", "修改已有任务须填写导出时的版本");
        if (version != stored.Version)
            return new(row.Row, ImportVerdict.Error, "version", $"版本 {version} 不是任务的当前版本 {stored.Version}：任务在导出后已被修改，请重新导出后再改");
        var patched = tasks.Patch(stored.Id, row.Fields, ETag(stored.Version), now, by, out _);
        return patched.Succeeded
            ? new(row.Row, ImportVerdict.Update, Checked: row with { CheckedVersion = stored.Version })
            : ImportMessages.Refused(row.Row, patched);
    }

    private static void CheckCreate(UnitTasks tasks, ImportRow row, DateTimeOffset now, string? by, List<ImportOutcome> outcomes)
    {
        var before = outcomes.Count;
        void Fail(string field, string message) => outcomes.Add(new(row.Row, ImportVerdict.Error, field, message));
        var f = row.Fields;
        if (row.Version is not null && row.TaskId is not null)
            Fail("taskId", $"任务 {row.TaskId} 不在这个单位（已删除或属于别的单位）；新任务的版本须留空");
        if (f.Title is null) Fail("title", "新任务须填写任务名称");
        if (f.Track is null) Fail("track", "新任务须填写类别（党建或业务）");
        if (f.Start is null) Fail("start", "新任务须填写开始日期");
        if (f.Due is null) Fail("due", "新任务须填写截止日期");
        if (f.Status == TaskItemStatus.Done && f.Progress is < 100) Fail("progress", "状态为完成时进度须为 100");
        if (f.Progress == 100 && f.Status is { } s && s != TaskItemStatus.Done) Fail("status", "进度为 100 时状态须为完成");
        if (outcomes.Count > before) return;
        var created = tasks.Create(DraftOf(row), now, by, out _);
        outcomes.Add(created.Succeeded
            ? new(row.Row, ImportVerdict.Create, Checked: row with { TaskId = created.Value!.Id, CheckedVersion = 0 })
            : ImportMessages.Refused(row.Row, created));
    }

    /// <summary>
    /// Applies checked rows to the stored list: a row whose task moved on since the check is a
    /// conflict and changes nothing. A row found already applied (the same writer, the row's values
    /// stored: a resumed job) counts as applied and changes nothing again. <paramref name="created"/>
    /// and <paramref name="updated"/> (before, after) are what changed.
    /// </summary>
    public List<ImportOutcome> Apply(IReadOnlyList<ImportRow> rows, DateTimeOffset now, string? by, string? byName,
        out List<TaskItem> created, out List<(TaskItem Before, TaskItem After)> updated)
    {
        created = [];
        updated = [];
        var tasks = new UnitTasks(unitId, list, yearStart);
        var outcomes = new List<ImportOutcome>(rows.Count);
        foreach (var row in rows)
        {
            var stored = Find(list(), row.TaskId!);
            if (row.CheckedVersion == 0)
            {
                if (stored is not null)
                {
                    outcomes.Add(TaskRules.SameAsStored(DraftOf(row), stored) && stored.UpdatedBy == by
                        ? new(row.Row, ImportVerdict.Create)
                        : Conflict(row, $"任务 {row.TaskId} 在检查之后已被别人创建"));
                    continue;
                }
                var made = tasks.Create(DraftOf(row), now, by, out var added, byName);
                if (made.Succeeded && added) created.Add(made.Value!);
                outcomes.Add(made.Succeeded ? new(row.Row, ImportVerdict.Create) : Conflict(row, ImportMessages.Refused(row.Row, made).Message!));
                continue;
            }
            if (stored is null)
            {
                outcomes.Add(Conflict(row, $"任务 {row.TaskId} 在检查之后已被删除"));
                continue;
            }
            if (stored.Version != row.CheckedVersion)
            {
                var again = TaskRules.Apply(stored, row.Fields);
                outcomes.Add(stored.Version > row.CheckedVersion && stored.UpdatedBy == by && again.Succeeded && again.Value!.SameContent(stored)
                    ? new(row.Row, ImportVerdict.Update)
                    : Conflict(row, $"任务 {row.TaskId} 在检查之后已被修改（现为版本 {stored.Version}），这一行没有导入"));
                continue;
            }
            var patched = tasks.Patch(stored.Id, row.Fields, ETag(stored.Version), now, by, out var was, byName);
            if (patched.Succeeded && was is not null) updated.Add((was, patched.Value!));
            outcomes.Add(patched.Succeeded ? new(row.Row, ImportVerdict.Update) : Conflict(row, ImportMessages.Refused(row.Row, patched).Message!));
        }
        return outcomes;
    }

    private static ImportOutcome Conflict(ImportRow row, string message) => new(row.Row, ImportVerdict.Conflict, "version", message);

    /// <summary>The new task a row describes: blank weight 1, status 未开始, progress 0, note empty, 期望 按进度.</summary>
    public static TaskDraft DraftOf(ImportRow row)
    {
        var f = row.Fields;
        return new TaskDraft
        {
            Id = row.TaskId, Title = f.Title ?? "", Track = f.Track ?? default, Weight = f.Weight ?? 1, Start = f.Start ?? default,
            Due = f.Due ?? default, Note = f.Note ?? "", Status = f.Status ?? TaskItemStatus.NotStarted, Progress = f.Progress ?? 0,
            Tags = f.Tags is { Length: > 0 } tags ? tags : null, Expectation = f.Expectation ?? Expectation.Linear,
        };
    }

    private static string ETag(long version) => $"\"{version}\"";

    private static TaskItem? Find(List<TaskItem> tasks, string id)
    {
        for (var i = 0; i < tasks.Count; i++)
            if (tasks[i].Id == id) return tasks[i];
        return null;
    }
}
