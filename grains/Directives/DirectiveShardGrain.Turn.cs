using Cascade.Units;

namespace Cascade.Directives;

/// <summary>
/// A schedule's shard in a period change (<see cref="IScheduleTurnGrain"/>): the turn places the
/// new instances, together with other schedules', and reports here; the shard keeps the answers
/// like its own fan-out's and, when the turn is through, places any target the turn did not know.
/// </summary>
public sealed partial class DirectiveShardGrain
{
    public async Task TurnTo(CopyOrder goal, string turn)
    {
        await SetGoal(goal);
        if (S.Turn == turn) return;
        S.Turn = turn;
        await state.WriteStateAsync();
    }

    /// <summary>Held in memory only: after a crash the turn resumes, and what it placed before is placed again (units answer Unchanged).</summary>
    public async Task Placed(string period, string[] unitIds, CopyReceipt[] receipts)
    {
        var index = Positions(unitIds);
        var ours = InTurn(period);
        var late = new List<string>();
        for (var i = 0; i < unitIds.Length; i++)
        {
            var at = index[i];
            var receipt = receipts[i];
            if (!ours || at < 0)
            {
                // The schedule was deleted or the target withdrawn while the turn was on its way:
                // the instance it created must not stay (an edit's newer version reaches it anyway).
                if (receipt.Outcome == CopyOutcome.Created && (at < 0 || S.Goal is { Withdraw: true } or { Release: true })) late.Add(unitIds[i]);
                continue;
            }
            var target = S.Targets[at];
            if (CopyOutcomes.Failed(receipt.Outcome))
                S.Targets[at] = target with { State = CopyTargetState.Failed, Reason = CopyOutcomes.Reason(receipt.Outcome) };
            else
            {
                S.Targets[at] = target with { State = CopyTargetState.Placed };
                if (receipt.Copy is { } copy) _copies[target.UnitId] = copy;
            }
        }
        if (ours) TellOwner();
        if (late.Count > 0) await Undo(late, period);
    }

    /// <summary>
    /// Targets the turn placed move before the rest; the cursor stands at the first target still
    /// pending (added while the turn ran), which the shard's own fan-out then places.
    /// </summary>
    public async Task TurnDone(string period)
    {
        if (!InTurn(period)) return;
        var pending = S.Targets.Where(t => t.State == CopyTargetState.Pending).ToList();
        S.Targets.RemoveAll(t => t.State == CopyTargetState.Pending);
        S.Cursor = S.Targets.Count;
        S.Targets.AddRange(pending);
        S.Turn = null;
        S.Finished = pending.Count == 0;
        await state.WriteStateAsync();
        if (S.Finished) Owner.ShardDone(Number, S.Goal!.OwnerVersion).Ignore();
        else await Start();
    }

    /// <summary>
    /// Still in the turn with its period's goal: a change of the goal (an edit, a withdrawal)
    /// ends the turn here (<see cref="SetGoal"/>); targets added keep it (their version bump
    /// changes nothing an instance holds).
    /// </summary>
    private bool InTurn(string period) =>
        S.Turn is not null && S.Goal is { Withdraw: false, Release: false } goal && goal.Period == period;

    /// <summary>Each unit's place in the targets (-1: not a target), in one pass.</summary>
    private int[] Positions(string[] unitIds)
    {
        var wanted = new Dictionary<string, int>(unitIds.Length, StringComparer.Ordinal);
        for (var i = 0; i < unitIds.Length; i++) wanted[unitIds[i]] = i;
        var positions = new int[unitIds.Length];
        Array.Fill(positions, -1);
        for (var t = 0; t < S.Targets.Count; t++)
            if (wanted.TryGetValue(S.Targets[t].UnitId, out var i)) positions[i] = t;
        return positions;
    }

    /// <summary>An instance created after its schedule was deleted is released like the others; one of a withdrawn target is withdrawn.</summary>
    private async Task Undo(List<string> unitIds, string period)
    {
        var release = S.Goal is { Release: true };
        var order = (S.Goal ?? throw new InvalidOperationException("A shard without a goal got a turn's answer.")) with
        {
            Shard = Number, Period = period, Withdraw = !release, Release = release,
        };
        await Task.WhenAll(unitIds.Select(u => GrainFactory.GetGrain<IUnitGrain>(u).ReceiveCopy(order)));
    }
}
