using System.Security.Cryptography;

namespace Cascade.Tasks;

/// <summary>
/// The edits of docs/domain.md "Tasks" over one unit's stored task list, as plain logic: each
/// answers the API's result and changes the list only when it succeeds. The unit grain records
/// the audit entry, stores the list and rolls the change up.
/// </summary>
/// <param name="yearStart">1 January of the local year an instant lies in (<c>DomainClock.YearStart</c>): archived tasks do not count toward the limit.</param>
public sealed class UnitTasks(string unitId, Func<List<TaskItem>> list, Func<DateTimeOffset, DateOnly> yearStart)
{
    /// <summary>Read each time: the list is the stored state's, which a reload replaces.</summary>
    private List<TaskItem> Stored => list();

    public Result<TaskItem> Get(string taskId) => Find(taskId, out var task) ?? Result<TaskItem>.Ok(task!);

    /// <summary>A replayed create (the same draft under the same id) answers the stored task and adds nothing (<paramref name="added"/> false).</summary>
    public Result<TaskItem> Create(TaskDraft draft, DateTimeOffset now, string? by, out bool added, string? byName = null)
    {
        added = false;
        var id = draft.Id ?? NewId();
        var created = Named(TaskRules.Create(draft, id, now, by), byName);
        if (!created.Succeeded) return created;
        if (IndexOf(id) is var existing and >= 0)
            return TaskRules.SameAsStored(draft, Stored[existing])
                ? Result<TaskItem>.Ok(Stored[existing])
                : Result<TaskItem>.Conflict($"Task '{id}' already exists in unit '{unitId}' with other values.");
        if (Archive.Full(Stored, 1, yearStart(now)))
            return Result<TaskItem>.Conflict($"Unit '{unitId}' already has {TaskRules.MaxTasksPerUnit} tasks (archived ones not counted).");
        Stored.Add(created.Value!);
        added = true;
        return created;
    }

    /// <summary>Applies the patch as a new version; <paramref name="before"/> is the stored task when it changed, else null.</summary>
    public Result<TaskItem> Patch(string taskId, TaskPatch patch, string? ifMatch, DateTimeOffset now, string? by, out TaskItem? before, string? byName = null)
    {
        before = null;
        if (Find(taskId, out var stored) is { } missing) return missing;
        var applied = TaskRules.Apply(stored!, patch);
        if (!applied.Succeeded) return applied;
        if (!Matches(ifMatch, stored!)) return PreconditionFailed(stored!);
        if (applied.Value!.SameContent(stored!)) return Result<TaskItem>.Ok(stored!);
        if (stored!.Locked) return Locked(taskId);
        if (stored!.IsCopy && TaskRules.FirstOwnedChange(stored, applied.Value!) is { } owned)
            return Result<TaskItem>.Conflict($"'{owned}' of task '{taskId}' is set by {OwnerName(stored)}; only its issuer changes it.");
        // doneAt: kept while the task stays done (a done task stored before doneAt existed keeps its last write), set when it becomes done, cleared on reopening.
        var next = applied.Value! with
        {
            Version = stored!.Version + 1, UpdatedAt = now, UpdatedBy = by, UpdatedByName = byName,
            DoneAt = applied.Value!.Status != TaskItemStatus.Done ? null : stored.DoneSince ?? now,
        };
        Stored[IndexOf(taskId)] = next;
        before = stored;
        return Result<TaskItem>.Ok(next);
    }

    /// <summary>A copy goes only with <paramref name="mayRemoveCopy"/> (an admin: its owner's withdrawal of this target).</summary>
    public Result<TaskItem> Delete(string taskId, string? ifMatch, bool mayRemoveCopy = false)
    {
        if (Find(taskId, out var stored) is { } missing) return missing;
        if (!Matches(ifMatch, stored!)) return PreconditionFailed(stored!);
        if (stored!.Locked) return Locked(taskId);
        if (stored.IsCopy && !mayRemoveCopy)
            return Result<TaskItem>.Conflict($"Task '{taskId}' was handed down by {OwnerName(stored)}: only its issuer withdraws it (or an admin deletes it).");
        Stored.RemoveAt(IndexOf(taskId));
        return Result<TaskItem>.Ok(stored!);
    }

    /// <summary>All or none: the drafts become tasks (<paramref name="added"/>) only when every one can.</summary>
    public Result<int> Import(IReadOnlyList<TaskDraft> drafts, DateTimeOffset now, string? by, out List<TaskItem> added, string? byName = null)
    {
        added = new List<TaskItem>(drafts.Count);
        if (Archive.Full(Stored, drafts.Count, yearStart(now)))
            return Result<int>.Conflict($"Unit '{unitId}' would have more than {TaskRules.MaxTasksPerUnit} tasks (archived ones not counted).");
        foreach (var draft in drafts)
        {
            var id = draft.Id ?? NewId();
            if (IndexOf(id) >= 0 || added.Exists(t => t.Id == id))
                return Result<int>.Conflict($"Task '{id}' already exists in unit '{unitId}'.");
            var created = Named(TaskRules.Create(draft, id, now, by), byName);
            if (!created.Succeeded) return created.As<int>();
            added.Add(created.Value!);
        }
        Stored.AddRange(added);
        return Result<int>.Ok(added.Count);
    }

    /// <summary>Null when the task exists (then <paramref name="task"/> is set); else the 404.</summary>
    private Result<TaskItem>? Find(string taskId, out TaskItem? task)
    {
        var index = IndexOf(taskId);
        task = index < 0 ? null : Stored[index];
        return index < 0 ? Result<TaskItem>.NotFound($"Task '{taskId}' does not exist in unit '{unitId}'.") : null;
    }

    /// <summary>A loop, not FindIndex with a lambda: this runs on every task write.</summary>
    private int IndexOf(string taskId)
    {
        for (var i = 0; i < Stored.Count; i++)
            if (Stored[i].Id == taskId) return i;
        return -1;
    }

    /// <summary>If-Match: absent, "*", or exactly the current strong tag (a list may name several).</summary>
    private static bool Matches(string? ifMatch, TaskItem task)
    {
        if (ifMatch is null) return true;
        var current = $"\"{task.Version}\"";
        return ifMatch.Split(',').Select(v => v.Trim()).Any(v => v == "*" || v == current);
    }

    private static Result<TaskItem> Locked(string taskId) =>
        Result<TaskItem>.Conflict($"Task '{taskId}' is a closed finding's rectification (已销号): it no longer changes.");

    private static Result<TaskItem> PreconditionFailed(TaskItem task) =>
        new(Outcome.PreconditionFailed, task, $"The task is at version {task.Version}; reload it and apply your change again.");

    private string NewId()
    {
        string id;
        do id = "t-" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 10);
        while (IndexOf(id) >= 0);
        return id;
    }

    /// <summary>The writer's display name goes with the task (docs/api.md "Tasks": <c>updatedByName</c>).</summary>
    private static Result<TaskItem> Named(Result<TaskItem> created, string? byName) =>
        created.Succeeded && byName is not null ? created with { Value = created.Value! with { UpdatedByName = byName } } : created;

    private static string OwnerName(TaskItem copy) =>
        copy.ScheduleId is { } schedule ? $"schedule '{schedule}' (例行工作)" : $"directive '{copy.DirectiveId}' (交办事项)";
}
