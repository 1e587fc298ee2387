using Cascade.Text;
using Cascade.Audit;
using Cascade.Tasks;

namespace Cascade.Units;

/// <summary>The unit's tasks (docs/api.md "Tasks"): <see cref="UnitTasks"/> decides, the grain records, stores and rolls up.</summary>
public sealed partial class UnitGrain
{
    public Task<IReadOnlyList<TaskItem>?> GetTasks() => Task.FromResult(Exists ? (IReadOnlyList<TaskItem>?)state.State.Tasks.ToArray() : null);

    public Task<Cascade.Inspections.UnitSnapshot?> Snapshot() =>
        Task.FromResult(Exists ? new Cascade.Inspections.UnitSnapshot([.. state.State.Tasks], [.. Book.Open]) : null);

    public Task<Result<TaskItem>> GetTask(string taskId) => Task.FromResult(Tasks?.Get(taskId) ?? NoUnit<TaskItem>());

    public async Task<Result<TaskItem>> CreateTask(TaskDraft draft, string? by, string? byName = null)
    {
        if (Tasks?.Create(draft, clock.Now, by, out var added, byName) is not { } created) return NoUnit<TaskItem>();
        if (added) await Done("create", Stamp(by), AuditActions.TaskCreate, created.Value!.Id, null, TaskSnapshots.Task(Id, created.Value));
        return created;
    }

    public async Task<Result<TaskItem>> PatchTask(string taskId, TaskPatch patch, string? ifMatch, string? by, string? byName = null)
    {
        if (Tasks?.Patch(taskId, patch, ifMatch, clock.Now, by, out var stored, byName) is not { } patched) return NoUnit<TaskItem>();
        if (stored is null) return patched; // refused, or nothing changed
        var next = patched.Value!;
        var reported = next.Status != stored.Status || next.Progress != stored.Progress
            ? new TaskChange(next.UpdatedAt, Id, state.State.Info!.Name, next.Id, next.Title, next.Track,
                new ChangePoint(stored.Status, stored.Progress), new ChangePoint(next.Status, next.Progress), by, ActorNames.Of(by, byName))
            : null;
        await Done("update", Stamp(by, next.UpdatedAt), AuditActions.TaskUpdate, taskId, TaskSnapshots.Task(Id, stored), TaskSnapshots.Task(Id, next), reported);
        if (next.IsCopy) CopyWritten(next);
        return patched;
    }

    public async Task<Result<TaskItem>> DeleteTask(string taskId, string? ifMatch, string? by, bool mayRemoveCopy = false)
    {
        if (Tasks?.Delete(taskId, ifMatch, mayRemoveCopy) is not { } deleted) return NoUnit<TaskItem>();
        if (!deleted.Succeeded) return deleted;
        await Done("delete", Stamp(by), AuditActions.TaskDelete, taskId, TaskSnapshots.Task(Id, deleted.Value!), null);
        if (deleted.Value!.IsCopy) CopyRemoved(deleted.Value, by ?? AuditActions.System);
        return deleted;
    }

    public async Task<Result<int>> ImportTasks(IReadOnlyList<TaskDraft> drafts, string? by)
    {
        var now = clock.Now;
        if (Tasks?.Import(drafts, now, by, out var added) is not { } imported) return NoUnit<int>();
        if (imported.Succeeded) await Done("import", Stamp(by, now), AuditActions.TaskImport, null, null, TaskSnapshots.Import(added), count: added.Count);
        return imported;
    }

    /// <summary>An accepted change: its audit entry, then the one pass, the write and the roll-up (not async: no extra level per write).</summary>
    private Task Done(string operation, AuditStamp stamp, string action, string? taskId, string? before, string? after,
        TaskChange? reported = null, int count = 1)
    {
        Record(stamp, action, taskId, before, after);
        return Persist(reported, operation, count);
    }

    private Result<T> NoUnit<T>() => Result<T>.NotFound($"Unit '{Id}' does not exist.");

    private AuditStamp Stamp(string? by, DateTimeOffset? at = null) => new(by ?? AuditActions.System, at ?? clock.Now);
}
