using Cascade.Audit;

namespace Cascade.Tasks;

/// <summary>
/// What the audit trail records of a task: canonical JSON of what the API shows of it
/// (camelCase, enums as camelCase strings, dates <c>YYYY-MM-DD</c>, times UTC with a Z), never
/// a secret. Kept beside the record it describes, so the trail knows no record type.
/// </summary>
public static class TaskSnapshots
{
    public static string Task(string unitId, TaskItem t)
    {
        var o = Fields(unitId, t);
        if (t.ScheduleId is not null) o.Add("scheduleId", t.ScheduleId).Add("period", t.Period);
        if (t.Released) o.Add("released", true);
        return o.ToString();
    }

    private static CanonicalObject Fields(string unitId, TaskItem t) => new CanonicalObject()
        .Add("id", t.Id).Add("unitId", unitId).Add("title", t.Title).Add("track", t.Track).Add("weight", t.Weight)
        .Add("start", t.Start).Add("due", t.Due).Add("status", t.Status).Add("progress", t.Progress).Add("note", t.Note)
        .Add("version", t.Version).Add("updatedAt", t.UpdatedAt).Add("updatedBy", t.UpdatedBy).Add("directiveId", t.DirectiveId)
        .Add("doneAt", t.DoneSince is { } doneAt ? AuditEntry.FormatTime(doneAt) : null).Add("tags", t.Tags ?? [])
        .Add("expectation", t.Expectation);

    public static string Import(IReadOnlyList<TaskItem> tasks) => new CanonicalObject()
        .Add("count", tasks.Count).Add("ids", tasks.Select(t => t.Id))
        .ToString();
}
