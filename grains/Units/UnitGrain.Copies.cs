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

    public Task<CopyOutcome> CheckCopy(string ownerId) => Task.FromResult(Copies?.Check(ownerId, clock.Now) ?? CopyOutcome.UnitGone);

    public Task<CopyReport?> GetCopy(string ownerId) =>
        Task.FromResult(Tasks?.Get(ownerId) is { Succeeded: true, Value: { } t } && t.DirectiveId == ownerId ? CopyReport.Of(t) : null);

    public async Task<CopyReceipt> ReceiveCopy(CopyOrder order)
    {
        if (Copies is not { } copies) return new(order.Withdraw ? CopyOutcome.Withdrawn : CopyOutcome.UnitGone, null);
        var outcome = copies.Receive(order, clock.Now, out var before, out var after);
        if (before is not null || after is not null)
        {
            var action = before is null ? AuditActions.TaskCreate : after is null ? AuditActions.TaskDelete : AuditActions.TaskUpdate;
            var operation = before is null ? "create" : after is null ? "delete" : "update";
            await Done(operation, Stamp(order.By), action, order.OwnerId,
                before is null ? null : TaskSnapshots.Task(Id, before), after is null ? null : TaskSnapshots.Task(Id, after));
        }
        var held = after ?? (outcome == CopyOutcome.Unchanged && Tasks!.Get(order.OwnerId).Value is { } t ? t : null);
        return new(outcome, held is null ? null : CopyReport.Of(held));
    }

    public async Task RecordDirective(AuditStamp stamp, string action, string directiveId, string? before, string? after)
    {
        if (!Exists) return; // the issuer was deleted since: there is no chain to record in
        Record(stamp, action, directiveId, before, after);
        await Write();
    }

    /// <summary>After the unit's own write of a copy: its shard updates the directive's roll-up (one-way).</summary>
    private void CopyWritten(TaskItem copy) =>
        GrainFactory.GetGrain<IDirectiveShardGrain>(IDirectiveShardGrain.Key(copy.DirectiveId!, copy.CopyShard)).CopyChanged(Id, CopyReport.Of(copy)).Ignore();

    private void CopyRemoved(TaskItem copy, string by) =>
        GrainFactory.GetGrain<IDirectiveShardGrain>(IDirectiveShardGrain.Key(copy.DirectiveId!, copy.CopyShard)).CopyRemoved(Id, by).Ignore();
}
