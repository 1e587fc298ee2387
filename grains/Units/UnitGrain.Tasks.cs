using System.Security.Cryptography;
using Cascade.Audit;
using Cascade.Tasks;
using Cascade.Telemetry;
using Cascade.Wall;

namespace Cascade.Units;

public sealed partial class UnitGrain
{
    public Task<IReadOnlyList<TaskItem>?> GetTasks() =>
        Task.FromResult(Exists ? (IReadOnlyList<TaskItem>?)state.State.Tasks.ToArray() : null);

    public Task<Result<TaskItem>> GetTask(string taskId) => Task.FromResult(Find(taskId, out var task) ?? Result<TaskItem>.Ok(task!));

    public async Task<Result<TaskItem>> CreateTask(TaskDraft draft, string? by)
    {
        if (!Exists) return Result<TaskItem>.NotFound($"Unit '{Id}' does not exist.");
        if (draft.Errors is { Count: > 0 }) return Result<TaskItem>.Invalid(draft.Errors);
        var id = draft.Id ?? NewTaskId();
        var created = TaskRules.Create(draft, id, clock.Now, by);
        if (!created.Succeeded) return created;
        if (IndexOf(id) is var existing and >= 0)
            return TaskRules.SameAsStored(draft, state.State.Tasks[existing])
                ? Result<TaskItem>.Ok(state.State.Tasks[existing])
                : Result<TaskItem>.Conflict($"Task '{id}' already exists in unit '{Id}' with other values.");
        if (state.State.Tasks.Count >= TaskRules.MaxTasksPerUnit)
            return Result<TaskItem>.Conflict($"Unit '{Id}' already has {TaskRules.MaxTasksPerUnit} tasks.");
        state.State.Tasks.Add(created.Value!);
        Record(Stamp(by), AuditActions.TaskCreate, id, null, AuditSnapshots.Task(Id, created.Value!));
        await Persist();
        CascadeTelemetry.TaskChanged("create");
        return created;
    }

    public async Task<Result<TaskItem>> PatchTask(string taskId, TaskPatch patch, string? ifMatch, string? by)
    {
        if (Find(taskId, out var stored) is { } missing) return missing;
        if (patch.Errors is { Count: > 0 }) return Result<TaskItem>.Invalid(patch.Errors);
        var applied = TaskRules.Apply(stored!, patch);
        if (!applied.Succeeded) return applied;
        if (!Matches(ifMatch, stored!)) return PreconditionFailed(stored!);
        var next = applied.Value!;
        if (next.SameContent(stored!)) return Result<TaskItem>.Ok(stored!);
        next = next with { Version = stored!.Version + 1, UpdatedAt = clock.Now, UpdatedBy = by };
        state.State.Tasks[IndexOf(taskId)] = next;
        Record(Stamp(by, next.UpdatedAt), AuditActions.TaskUpdate, taskId, AuditSnapshots.Task(Id, stored), AuditSnapshots.Task(Id, next));
        var reported = next.Status != stored.Status || next.Progress != stored.Progress
            ? new TaskChange(next.UpdatedAt, Id, state.State.Info!.Name, next.Id, next.Title, next.Track,
                new ChangePoint(stored.Status, stored.Progress), new ChangePoint(next.Status, next.Progress), by)
            : null;
        await Persist(reported);
        CascadeTelemetry.TaskChanged("update");
        return Result<TaskItem>.Ok(next);
    }

    public async Task<Result<TaskItem>> DeleteTask(string taskId, string? ifMatch, string? by)
    {
        if (Find(taskId, out var stored) is { } missing) return missing;
        if (!Matches(ifMatch, stored!)) return PreconditionFailed(stored!);
        state.State.Tasks.RemoveAt(IndexOf(taskId));
        Record(Stamp(by), AuditActions.TaskDelete, taskId, AuditSnapshots.Task(Id, stored!), null);
        await Persist();
        CascadeTelemetry.TaskChanged("delete");
        return Result<TaskItem>.Ok(stored!);
    }

    public async Task<Result<int>> ImportTasks(IReadOnlyList<TaskDraft> drafts, string? by)
    {
        if (!Exists) return Result<int>.NotFound($"Unit '{Id}' does not exist.");
        if (state.State.Tasks.Count + drafts.Count > TaskRules.MaxTasksPerUnit)
            return Result<int>.Conflict($"Unit '{Id}' would have more than {TaskRules.MaxTasksPerUnit} tasks.");
        var now = clock.Now;
        var added = new List<TaskItem>(drafts.Count);
        foreach (var draft in drafts)
        {
            var id = draft.Id ?? NewTaskId();
            if (IndexOf(id) >= 0 || added.Any(t => t.Id == id))
                return Result<int>.Conflict($"Task '{id}' already exists in unit '{Id}'.");
            var created = TaskRules.Create(draft, id, now, by);
            if (!created.Succeeded) return created.As<int>();
            added.Add(created.Value!);
        }
        state.State.Tasks.AddRange(added);
        Record(Stamp(by, now), AuditActions.TaskImport, null, null, AuditSnapshots.Import(added));
        await Persist();
        CascadeTelemetry.TaskChanged("import", added.Count);
        return Result<int>.Ok(added.Count);
    }

    /// <summary>Null when the unit and the task exist (then <paramref name="task"/> is set); else the 404.</summary>
    private Result<TaskItem>? Find(string taskId, out TaskItem? task)
    {
        task = null;
        if (!Exists) return Result<TaskItem>.NotFound($"Unit '{Id}' does not exist.");
        var index = IndexOf(taskId);
        if (index < 0) return Result<TaskItem>.NotFound($"Task '{taskId}' does not exist in unit '{Id}'.");
        task = state.State.Tasks[index];
        return null;
    }

    private AuditStamp Stamp(string? by, DateTimeOffset? at = null) => new(by ?? AuditActions.System, at ?? clock.Now);

    private int IndexOf(string taskId) => state.State.Tasks.FindIndex(t => t.Id == taskId);

    /// <summary>If-Match: absent, "*", or exactly the current strong tag (a list may name several).</summary>
    private static bool Matches(string? ifMatch, TaskItem task)
    {
        if (ifMatch is null) return true;
        var current = $"\"{task.Version}\"";
        return ifMatch.Split(',').Select(v => v.Trim()).Any(v => v == "*" || v == current);
    }

    private static Result<TaskItem> PreconditionFailed(TaskItem task) =>
        new(Outcome.PreconditionFailed, task, $"The task is at version {task.Version}; reload it and apply your change again.");

    private string NewTaskId()
    {
        string id;
        do id = "t-" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 10);
        while (IndexOf(id) >= 0);
        return id;
    }

    /// <summary>
    /// One pass (figures, alerts, the open count), the write before the caller is answered, then
    /// the roll-up. Any failure (a figure that cannot be computed, a failed write) deactivates
    /// the grain so the next call reloads what storage really holds.
    /// </summary>
    private async Task Persist(TaskChange? reported = null)
    {
        try
        {
            Recompute(tasks: true); // the alerts this change raises or clears go in the same write
            await Store();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
        if (reported is not null) _changes.Add(reported);
        await Flush();
    }
}
