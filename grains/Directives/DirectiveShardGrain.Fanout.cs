using Cascade.Units;

namespace Cascade.Directives;

/// <summary>
/// The fan-out: every target brought to the goal (its copy created, updated to the owner's
/// version, or withdrawn), <see cref="DirectiveOptions.FanoutBatch"/> targets at a time, the cursor stored after each
/// batch. Units answer idempotently, so a batch repeated after a crash makes no second copy.
/// </summary>
public sealed partial class DirectiveShardGrain
{
    private IGrainTimer? _run;

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _run?.Dispose();
        return Task.CompletedTask;
    }

    public async Task<bool> RunNow()
    {
        if (S.Turn is not null) return false; // a period change places these instances
        while (!S.Finished) await Step();
        return true;
    }

    public Task Start()
    {
        if (S.Turn is { } turn)
        {
            GrainFactory.GetGrain<IScheduleTurnGrain>(turn).Run().Ignore();
            return Task.CompletedTask;
        }
        if (S.Finished || _run is not null) return Task.CompletedTask;
        // One batch a tick: calls from units (copy reports) are served between batches.
        _run = this.RegisterGrainTimer(Tick, new GrainTimerCreationOptions(TimeSpan.Zero, TimeSpan.FromMilliseconds(1)) { KeepAlive = true });
        return Task.CompletedTask;
    }

    private async Task Tick()
    {
        if (!S.Finished) await Step();
        if (!S.Finished) return;
        _run?.Dispose();
        _run = null;
        Owner.ShardDone(Number, S.Goal?.OwnerVersion ?? 0).Ignore();
    }

    /// <summary>One batch from the cursor; the last one marks the work finished.</summary>
    private async Task Step()
    {
        var goal = S.Goal!;
        var end = Math.Min(S.Cursor + options.Value.FanoutBatch, S.Targets.Count);
        var batch = S.Targets.GetRange(S.Cursor, end - S.Cursor);
        var order = goal with { Shard = Number };
        var receipts = await Task.WhenAll(batch.Select(t => t.State == CopyTargetState.Failed
            ? Task.FromResult(new CopyReceipt(CopyOutcome.IdTaken, null))
            : GrainFactory.GetGrain<IUnitGrain>(t.UnitId).ReceiveCopy(order)));
        for (var i = 0; i < batch.Count; i++)
        {
            var target = batch[i];
            if (target.State == CopyTargetState.Failed) continue;
            var receipt = receipts[i];
            if (CopyOutcomes.Failed(receipt.Outcome))
            {
                // A target that held its copy keeps its place (its unit cannot go while holding it).
                if (target.State == CopyTargetState.Pending)
                    S.Targets[S.Cursor + i] = target with { State = CopyTargetState.Failed, Reason = CopyOutcomes.Reason(receipt.Outcome) };
                continue;
            }
            if (goal.Withdraw || goal.Release) _copies.Remove(target.UnitId);
            else
            {
                S.Targets[S.Cursor + i] = target with { State = CopyTargetState.Placed };
                if (receipt.Copy is { } copy) _copies[target.UnitId] = copy;
            }
        }
        S.Cursor = end;
        if (S.Cursor >= S.Targets.Count)
        {
            S.Finished = true;
            if (goal.Withdraw || goal.Release) S.Targets.Clear();
        }
        await state.WriteStateAsync();
        if (!goal.Withdraw && !goal.Release) TellOwner();
    }

    public async Task<bool> Withdraw(string unitId, string by, string? byName)
    {
        var index = S.Targets.FindIndex(t => t.UnitId == unitId);
        if (index < 0) return false;
        if (S.Targets[index].State != CopyTargetState.Failed && S.Goal is { } goal)
            await GrainFactory.GetGrain<IUnitGrain>(unitId).ReceiveCopy(goal with { Shard = Number, Withdraw = true, By = by, ByName = byName });
        S.Targets.RemoveAt(index);
        if (index < S.Cursor) S.Cursor--;
        _copies.Remove(unitId);
        await state.WriteStateAsync();
        TellOwner();
        return true;
    }
}
