using Cascade.Storage;
using Cascade.Time;
using Cascade.Units;

namespace Cascade.Directives;

/// <summary>
/// Up to 5,000 targets of one directive (docs/architecture.md "Directives"). The stored state is
/// the target list, the goal and the cursor; the copies' figures are held in memory, read from
/// the target units at activation and kept by their one-way reports, so the roll-up equals the
/// copies once writes stop, also after a restart. The fan-out (<see cref="DirectiveShardGrain"/>'s
/// other part) runs batch by batch, storing the cursor after each.
/// </summary>
public sealed partial class DirectiveShardGrain(
    [PersistentState("directive-shard", StorageNames.Default)] IPersistentState<DirectiveShardState> state,
    DomainClock clock, Microsoft.Extensions.Options.IOptions<DirectiveOptions> options) : Grain, IDirectiveShardGrain
{
    private const int ReadBatch = 500;
    private static readonly TimeSpan TellEvery = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, CopyReport> _copies = new(StringComparer.Ordinal);
    private DateTimeOffset _told = DateTimeOffset.MinValue;
    private IGrainTimer? _tell;

    private string OwnerId => this.GetPrimaryKeyString()[..this.GetPrimaryKeyString().LastIndexOf('/')];
    private int Number => int.Parse(this.GetPrimaryKeyString()[(this.GetPrimaryKeyString().LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    private IDirectiveGrain Owner => GrainFactory.GetGrain<IDirectiveGrain>(OwnerId);
    private DirectiveShardState S => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Goal is not { } goal) return;
        var placed = S.Targets.Where(t => t.State == CopyTargetState.Placed).Select(t => t.UnitId).ToList();
        for (var i = 0; i < placed.Count; i += ReadBatch)
        {
            var batch = placed.Skip(i).Take(ReadBatch).ToList();
            var copies = await Task.WhenAll(batch.Select(id => GrainFactory.GetGrain<IUnitGrain>(id).GetCopy(goal.TaskId, OwnerId)));
            for (var j = 0; j < batch.Count; j++)
                if (copies[j] is { } copy) _copies[batch[j]] = copy;
        }
        // A report lost with a node is read again here: the finding catches up with its task.
        if (goal.Finding && _copies.Values.FirstOrDefault() is { } task) Owner.FindingCopy(task).Ignore();
    }

    public async Task<IReadOnlyList<CopyTarget>> Check(CopyOrder probe, IReadOnlyList<string> unitIds, int max)
    {
        var failed = new List<CopyTarget>();
        for (var i = 0; i < unitIds.Count && failed.Count < max; i += ReadBatch)
        {
            var batch = unitIds.Skip(i).Take(ReadBatch).ToList();
            var outcomes = await Task.WhenAll(batch.Select(id => GrainFactory.GetGrain<IUnitGrain>(id).CheckCopy(probe)));
            for (var j = 0; j < batch.Count && failed.Count < max; j++)
                if (CopyOutcomes.Failed(outcomes[j])) failed.Add(new(batch[j], CopyTargetState.Failed, CopyOutcomes.Reason(outcomes[j])));
        }
        return failed;
    }

    public async Task Assign(IReadOnlyList<string> unitIds, CopyOrder? goal)
    {
        var known = S.Targets.Select(t => t.UnitId).ToHashSet(StringComparer.Ordinal);
        var added = unitIds.Where(known.Add).Select(id => new CopyTarget(id, CopyTargetState.Pending)).ToList();
        if (S.Finished) S.Cursor = S.Targets.Count;
        S.Targets.AddRange(added);
        if (goal is not null)
        {
            S.Goal = goal;
            S.Finished = false;
        }
        await state.WriteStateAsync();
    }

    public async Task SetGoal(CopyOrder goal)
    {
        // The same goal again (a resumption): the work goes on from the stored cursor.
        if (S.Goal is { } held && held.OwnerVersion == goal.OwnerVersion && held.Period == goal.Period
            && held.Withdraw == goal.Withdraw && held.Release == goal.Release) return;
        if (goal.Period != S.Goal?.Period && !goal.Release)
        {
            // A schedule's new period: every target gets a new instance (one that failed may take it now).
            for (var i = 0; i < S.Targets.Count; i++) S.Targets[i] = S.Targets[i] with { State = CopyTargetState.Pending, Reason = null };
            _copies.Clear();
        }
        S.Goal = goal;
        S.Cursor = 0;
        S.Finished = false;
        S.Turn = null;
        await state.WriteStateAsync();
    }

    public Task<bool> Holds(string unitId) => Task.FromResult(S.Targets.Exists(t => t.UnitId == unitId));

    public Task<int> TargetCount() => Task.FromResult(S.Targets.Count);

    public Task<IReadOnlyList<string>> Units() => Task.FromResult<IReadOnlyList<string>>([.. S.Targets.Select(t => t.UnitId)]);

    public Task<ShardReport> Report() =>
        Task.FromResult(new ShardReport(S.Targets.Count, [.. S.Targets.Where(t => t.State == CopyTargetState.Failed)], Totals()));

    private CopyTotals Totals()
    {
        var totals = default(CopyTotals);
        if (S.Goal is { Withdraw: false, Release: false } goal)
        {
            var now = clock.Now;
            foreach (var target in S.Targets)
                if (target.State == CopyTargetState.Placed && _copies.TryGetValue(target.UnitId, out var copy))
                    totals += CopyTotals.Of(OwnerId, goal.Fields, copy, now, clock);
        }
        return totals;
    }

    public Task<IReadOnlyList<CopyRow>> Copies(CopyFilter filter, string? after, int limit)
    {
        var rows = new List<CopyRow>();
        if (S.Goal is not { Withdraw: false, Release: false } goal) return Task.FromResult<IReadOnlyList<CopyRow>>(rows);
        var now = clock.Now;
        foreach (var target in S.Targets.Where(t => t.State == CopyTargetState.Placed && (after is null || string.CompareOrdinal(t.UnitId, after) > 0))
                     .OrderBy(t => t.UnitId, StringComparer.Ordinal))
        {
            if (!_copies.TryGetValue(target.UnitId, out var copy)) continue;
            var overdue = Cascade.Rollup.RollupMath.Of(CopyTotals.AsTask(OwnerId, goal.Fields, copy), now, clock).Overdue == 1;
            if (!Matches(filter, copy, overdue)) continue;
            rows.Add(new(target.UnitId, copy.Status, copy.Progress, overdue, copy.UpdatedAt, copy.UpdatedBy, copy.UpdatedByName));
            if (rows.Count >= limit) break;
        }
        return Task.FromResult<IReadOnlyList<CopyRow>>(rows);
    }

    public async Task<IReadOnlyList<CopyRow>> Earlier(string period, CopyFilter filter, string? after, int limit)
    {
        var rows = new List<CopyRow>();
        var taskId = CopyOrder.InstanceId(OwnerId, period);
        var units = S.Targets.Select(t => t.UnitId).Where(u => after is null || string.CompareOrdinal(u, after) > 0).Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < units.Count && rows.Count < limit; i += ReadBatch)
        {
            var batch = units.Skip(i).Take(ReadBatch).ToList();
            var copies = await Task.WhenAll(batch.Select(id => GrainFactory.GetGrain<IUnitGrain>(id).GetCopy(taskId, OwnerId)));
            for (var j = 0; j < batch.Count && rows.Count < limit; j++)
            {
                if (copies[j] is not { } copy) continue;
                var overdue = copy.Status != Tasks.TaskItemStatus.Done;
                if (Matches(filter, copy, overdue)) rows.Add(new(batch[j], copy.Status, copy.Progress, overdue, copy.UpdatedAt, copy.UpdatedBy, copy.UpdatedByName));
            }
        }
        return rows;
    }

    private static bool Matches(CopyFilter filter, CopyReport copy, bool overdue) => filter switch
    {
        CopyFilter.NotStarted => copy.Status == Tasks.TaskItemStatus.NotStarted,
        CopyFilter.InProgress => copy.Status == Tasks.TaskItemStatus.InProgress,
        CopyFilter.Blocked => copy.Status == Tasks.TaskItemStatus.Blocked,
        CopyFilter.Done => copy.Status == Tasks.TaskItemStatus.Done,
        CopyFilter.Overdue => overdue,
        _ => true,
    };

    public Task CopyChanged(string unitId, CopyReport report)
    {
        if (report.Period != S.Goal?.Period) return Task.CompletedTask; // a schedule's instance of another period
        if (_copies.TryGetValue(unitId, out var held) && held.TaskVersion >= report.TaskVersion) return Task.CompletedTask;
        if (!S.Targets.Exists(t => t.UnitId == unitId && t.State == CopyTargetState.Placed)) return Task.CompletedTask;
        _copies[unitId] = report;
        // A finding's state follows its task at once, not at the wall's pace.
        if (S.Goal!.Finding) Owner.FindingCopy(report).Ignore();
        else TellOwner();
        return Task.CompletedTask;
    }

    public async Task CopyRemoved(string unitId, string by, string? period)
    {
        if (period != S.Goal?.Period) return; // an earlier period's instance: the target stays
        var index = S.Targets.FindIndex(t => t.UnitId == unitId);
        if (index < 0) return;
        S.Targets.RemoveAt(index);
        if (index < S.Cursor) S.Cursor--;
        _copies.Remove(unitId);
        await state.WriteStateAsync();
        Owner.TargetRemoved(unitId, by).Ignore();
        TellOwner();
    }

    /// <summary>The owner hears of changed copies at most once a second (the first at once).</summary>
    private void TellOwner()
    {
        if (_tell is not null) return;
        var wait = _told + TellEvery - clock.Now;
        if (wait <= TimeSpan.Zero)
        {
            _told = clock.Now;
            Owner.ShardChanged(Number).Ignore();
            return;
        }
        _tell = this.RegisterGrainTimer(() =>
        {
            _tell?.Dispose();
            _tell = null;
            _told = clock.Now;
            Owner.ShardChanged(Number).Ignore();
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan));
    }
}
