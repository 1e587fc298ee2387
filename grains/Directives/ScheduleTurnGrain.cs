using Cascade.Storage;
using Cascade.Units;

namespace Cascade.Directives;

/// <summary>
/// One period change (docs/architecture.md "Schedules"): the schedules whose period turned join
/// it, each making the new period its goal with its shards waiting; the turn then walks every
/// target unit in id order, a batch a tick (<see cref="DirectiveOptions.TurnBatch"/>, <see cref="DirectiveOptions.TurnPause"/> apart), giving each unit all of its new instances in one call
/// (one state write there), tells each shard what its targets answered, and stores its cursor
/// after each batch. When through, every shard takes over the targets added meanwhile. A
/// schedule that comes due while a round runs joins the next round.
/// </summary>
public sealed class ScheduleTurnGrain(
    [PersistentState("schedule-turn", StorageNames.Default)] IPersistentState<ScheduleTurnState> state,
    Microsoft.Extensions.Options.IOptions<DirectiveOptions> options) : Grain, IScheduleTurnGrain
{
    private ScheduleTurnState S => state.State;
    private string Key => this.GetPrimaryKeyString();
    private List<(string Unit, List<(string Schedule, int Shard)> Shares)>? _plan;
    private int _next;
    private IGrainTimer? _run;

    public async Task Start(string[] scheduleIds)
    {
        var added = false;
        foreach (var id in scheduleIds)
            if (!S.Shares.ContainsKey(id) && !S.Waiting.Contains(id))
            {
                S.Waiting.Add(id);
                added = true;
            }
        if (added) await state.WriteStateAsync();
        Kick();
    }

    public Task Run()
    {
        Kick();
        return Task.CompletedTask;
    }

    private void Kick()
    {
        if (_run is not null || S.Waiting.Count == 0 && S.Shares.Count == 0) return;
        // One batch a tick (TurnBatch units, TurnPause apart): Start and Run calls are served between batches.
        var pause = options.Value.TurnPause;
        _run = this.RegisterGrainTimer(Tick, new GrainTimerCreationOptions(TimeSpan.Zero, pause > TimeSpan.Zero ? pause : TimeSpan.FromMilliseconds(1)) { KeepAlive = true });
    }

    private async Task Tick()
    {
        if (S.Shares.Count == 0 && S.Waiting.Count > 0) await Join();
        if (S.Shares.Count == 0)
        {
            _run?.Dispose();
            _run = null;
            await state.ClearStateAsync();
            return;
        }
        _plan ??= await Plan();
        if (_next < _plan.Count) await Step(_plan);
        else await Finish();
    }

    /// <summary>The waiting schedules make their new period the goal (each answers null when nothing is due).</summary>
    private async Task Join()
    {
        var ids = S.Waiting.ToList();
        var shares = await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<IDirectiveGrain>(id).JoinTurn(Key)));
        for (var i = 0; i < ids.Count; i++)
            if (shares[i] is { } share) S.Shares[ids[i]] = share;
        S.Waiting.Clear();
        S.Cursor = null;
        await state.WriteStateAsync();
    }

    /// <summary>Every target unit with the schedules' shards that hold it, in id order from the stored cursor on.</summary>
    private async Task<List<(string, List<(string, int)>)>> Plan()
    {
        var holders = new Dictionary<string, List<(string, int)>>(StringComparer.Ordinal);
        foreach (var (id, share) in S.Shares)
            for (var n = 0; n < share.Shards; n++)
                foreach (var unit in await Shard(id, n).Units())
                {
                    if (!holders.TryGetValue(unit, out var list)) holders[unit] = list = [];
                    list.Add((id, n));
                }
        var plan = holders.Select(p => (p.Key, p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        _next = S.Cursor is null ? 0 : plan.FindIndex(p => string.CompareOrdinal(p.Key, S.Cursor) > 0) is var at and >= 0 ? at : plan.Count;
        return plan;
    }

    private async Task Step(List<(string Unit, List<(string Schedule, int Shard)> Shares)> plan)
    {
        var batch = plan.GetRange(_next, Math.Min(options.Value.TurnBatch, plan.Count - _next));
        var receipts = await Task.WhenAll(batch.Select(b => GrainFactory.GetGrain<IUnitGrain>(b.Unit)
            .ReceiveCopies([.. b.Shares.Select(s => S.Shares[s.Schedule].Goal with { Shard = s.Shard })])));
        var answers = new Dictionary<(string, int), (List<string> Units, List<CopyReceipt> Receipts)>();
        for (var i = 0; i < batch.Count; i++)
            for (var j = 0; j < batch[i].Shares.Count; j++)
            {
                var holder = batch[i].Shares[j];
                if (!answers.TryGetValue(holder, out var a)) answers[holder] = a = ([], []);
                a.Units.Add(batch[i].Unit);
                a.Receipts.Add(receipts[i][j]);
            }
        await Task.WhenAll(answers.Select(a => Shard(a.Key.Item1, a.Key.Item2)
            .Placed(S.Shares[a.Key.Item1].Goal.Period!, [.. a.Value.Units], [.. a.Value.Receipts])));
        _next += batch.Count;
        S.Cursor = batch[^1].Unit;
        await state.WriteStateAsync();
    }

    /// <summary>Every shard hears the turn is through; the next round (schedules that came due meanwhile) follows.</summary>
    private async Task Finish()
    {
        await Task.WhenAll(S.Shares.SelectMany(p => Enumerable.Range(0, p.Value.Shards).Select(n => Shard(p.Key, n).TurnDone(p.Value.Goal.Period!))));
        S.Shares.Clear();
        S.Cursor = null;
        _plan = null;
        _next = 0;
        await state.WriteStateAsync();
    }

    private IDirectiveShardGrain Shard(string scheduleId, int n) => GrainFactory.GetGrain<IDirectiveShardGrain>(IDirectiveShardGrain.Key(scheduleId, n));
}
