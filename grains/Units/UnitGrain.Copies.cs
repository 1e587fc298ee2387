using Cascade.Audit;
using Cascade.Directives;
using Cascade.Tasks;

namespace Cascade.Units;

/// <summary>
/// Copies (docs/domain.md "Directives"): the unit holds a directive's copy like any task; the
/// directive's shard places, updates and withdraws it, and hears (one-way) of the unit's own
/// writes of it. Ordinary tasks pay nothing for this.
/// </summary>
public sealed partial class UnitGrain
{
    private UnitCopies? Copies => Exists ? new(() => state.State.Tasks, clock.YearStart) : null;

    public Task<CopyOutcome> CheckCopy(CopyOrder order) => Task.FromResult(Copies?.Check(order, clock.Now) ?? CopyOutcome.UnitGone);

    public Task<CopyReport?> GetCopy(string taskId, string ownerId) =>
        Task.FromResult(Tasks?.Get(taskId) is { Succeeded: true, Value: { } t } && t.OwnerId == ownerId && t.IsCopy ? CopyReport.Of(t) : null);

    public async Task<CopyReceipt> ReceiveCopy(CopyOrder order)
    {
        if (Copies is not { } copies) return new(order.Withdraw || order.Release ? CopyOutcome.Withdrawn : CopyOutcome.UnitGone, null);
        if (order.Release) return await Release(copies, order);
        var outcome = copies.Receive(order, clock.Now, out var before, out var after);
        if (before is not null || after is not null)
        {
            var action = before is null ? AuditActions.TaskCreate : after is null ? AuditActions.TaskDelete : AuditActions.TaskUpdate;
            var operation = before is null ? "create" : after is null ? "delete" : "update";
            await Done(operation, Stamp(order.By), action, order.TaskId,
                before is null ? null : TaskSnapshots.Task(Id, before), after is null ? null : TaskSnapshots.Task(Id, after));
        }
        var held = after ?? (outcome == CopyOutcome.Unchanged && Tasks!.Get(order.TaskId).Value is { } t ? t : null);
        return new(outcome, held is null ? null : CopyReport.Of(held));
    }

    /// <summary>A period change's orders (new instances of several schedules): applied one by one, a <c>task.*</c> entry each, one write.</summary>
    public async Task<CopyReceipt[]> ReceiveCopies(CopyOrder[] orders)
    {
        var receipts = new CopyReceipt[orders.Length];
        if (Copies is not { } copies)
        {
            Array.Fill(receipts, new(CopyOutcome.UnitGone, null));
            return receipts;
        }
        var changed = 0;
        for (var i = 0; i < orders.Length; i++)
        {
            var order = orders[i];
            var outcome = copies.Receive(order, clock.Now, out var before, out var after);
            if (before is not null || after is not null)
            {
                var action = before is null ? AuditActions.TaskCreate : after is null ? AuditActions.TaskDelete : AuditActions.TaskUpdate;
                Record(Stamp(order.By), action, order.TaskId, before is null ? null : TaskSnapshots.Task(Id, before), after is null ? null : TaskSnapshots.Task(Id, after));
                changed++;
            }
            var held = after ?? (outcome == CopyOutcome.Unchanged && Tasks!.Get(order.TaskId).Value is { } t ? t : null);
            receipts[i] = new(outcome, held is null ? null : CopyReport.Of(held));
        }
        if (changed > 0) await Persist(null, "create", changed);
        return receipts;
    }

    /// <summary>Every copy of a deleted owner becomes the unit's own task: one write, a <c>task.update</c> each.</summary>
    private async Task<CopyReceipt> Release(UnitCopies copies, CopyOrder order)
    {
        var released = copies.Release(order.OwnerId);
        if (released.Count == 0) return new(CopyOutcome.Withdrawn, null);
        var stamp = Stamp(order.By);
        foreach (var (before, after) in released)
            Record(stamp, AuditActions.TaskUpdate, after.Id, TaskSnapshots.Task(Id, before), TaskSnapshots.Task(Id, after));
        await Persist(null, "update", released.Count);
        return new(CopyOutcome.Withdrawn, null);
    }

    public async Task RecordDirective(AuditStamp stamp, string action, string directiveId, string? before, string? after)
    {
        if (!Exists) return; // the issuer was deleted since: there is no chain to record in
        Record(stamp, action, directiveId, before, after);
        await Write();
    }

    /// <summary>After the unit's own write of a copy: its shard updates the directive's roll-up (one-way).</summary>
    private void CopyWritten(TaskItem copy) =>
        GrainFactory.GetGrain<IDirectiveShardGrain>(IDirectiveShardGrain.Key(copy.OwnerId!, copy.CopyShard)).CopyChanged(Id, CopyReport.Of(copy)).Ignore();

    private void CopyRemoved(TaskItem copy, string by) =>
        GrainFactory.GetGrain<IDirectiveShardGrain>(IDirectiveShardGrain.Key(copy.OwnerId!, copy.CopyShard)).CopyRemoved(Id, by, copy.Period).Ignore();
}
