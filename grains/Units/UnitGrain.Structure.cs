using Cascade.Alerts;
using Cascade.Audit;
using Cascade.Rollup;
using Cascade.Tasks;

namespace Cascade.Units;

/// <summary>Reads, the children's reports and walls, and the structure the organization grain applies.</summary>
public sealed partial class UnitGrain
{
    public Task<UnitView?> Get() => AfterReserve(() => Exists && Rollup.Summary is { } summary ? new UnitView(state.State.Info!, [.. state.State.Children], summary) : null);

    public Task<Summary?> GetSummary() => AfterReserve(() => Rollup.Summary);

    public Task<ChildReport?> GetReport() => AfterReserve(Rollup.CurrentReport);

    /// <summary>What leaves the grain carries a version within the cluster's reserved ceiling.</summary>
    private async Task<T> AfterReserve<T>(Func<T> read)
    {
        await Reserved();
        return read();
    }

    public Task<UnitNode?> GetNode() => Task.FromResult(Exists ? new UnitNode(state.State.Info!, [.. state.State.Children]) : null);

    public Task<IReadOnlyList<TaskChange>> GetRecentChanges() => Task.FromResult(_changes.Recent());

    /// <summary>Activated by the call itself; passed on down so the wake fans out over the tree.</summary>
    public Task Wake()
    {
        foreach (var child in state.State.Children) Unit(child).Wake().Ignore();
        return Task.CompletedTask;
    }

    public Task ChildChanged(ChildReport report)
    {
        if (!Exists || !Rollup.Accept(report)) return Task.CompletedTask;
        if (report.Changes is { Count: > 0 } changes) _changes.AddRange(changes);
        return Flush();
    }

    public async Task SetWatched(TimeSpan lease, bool republish)
    {
        if (!_lease.Renew(lease, republish)) return;
        _changes.TakeForFeed(); // a new watcher gets the current summary at once, and the alerts as they stand
        _lease.Owe(Desk.Standing());
        if (!Exists) return;
        if (state.State.Children.Count > 0) _lease.Owe(await AlertIndexPartitions.EscalatedTo(GrainFactory, [Id]));
        await Flush();
    }

    /// <summary>After the cluster changed (<see cref="RollupRepair"/>): a report to this unit, or a publish to walls, may have been lost.</summary>
    public async Task Reconcile()
    {
        if (!Exists) return;
        await ReadChildren(state.State.Children);
        if (_lease.Watched) _lease.Republish();
        await Flush();
        await ReconcileAlertIndex();
    }

    public async Task Initialize(UnitInfo unit, AuditStamp stamp)
    {
        if (state.State.Info == unit) return; // a replayed create
        state.State.Info = unit;
        Record(stamp, AuditActions.UnitCreate, null, null, UnitSnapshots.Unit(unit));
        await Write();
        StartClocks();
        await SumChildren();
    }

    public async Task SetInfo(UnitInfo unit, AuditStamp stamp)
    {
        if (state.State.Info == unit) return; // a replayed update
        var before = state.State.Info;
        state.State.Info = unit;
        Record(stamp, AuditActions.UnitUpdate, null, before is null ? null : UnitSnapshots.Unit(before), UnitSnapshots.Unit(unit));
        await Write();
        if (before?.ParentId != unit.ParentId) Rollup.ReportedVersion = 0; // the new parent adopts this unit's current report
    }

    public async Task AddChildren(IReadOnlyList<string> childIds)
    {
        var added = childIds.Where(c => !Rollup.IsChild(c)).ToList();
        state.State.Children.AddRange(added);
        Rollup.Adopt(added);
        if (added.Count > 0) await Write();
        await ReadChildren(childIds);
        await Flush();
    }

    public async Task RemoveChild(string childId)
    {
        Rollup.Drop(childId);
        if (state.State.Children.Remove(childId)) await Write();
        await SumChildren();
        await Flush();
    }

    public async Task<Result<bool>> TryDelete(AuditStamp stamp)
    {
        if (!Exists) return Result<bool>.Ok(true);
        if (UnitRules.CheckDelete(Id, state.State.Children.Count, state.State.Tasks.Count) is { } refused) return refused;
        var deleted = state.State.Info!; // kept without Info rather than cleared: the deletion's audit entry is stored with it
        state.State.Info = null;
        Record(stamp, AuditActions.UnitDelete, null, UnitSnapshots.Unit(deleted), null);
        await Write();
        await Store.Delivered();
        Rollup.Clear();
        _meter.Set(null);
        return Result<bool>.Ok(true);
    }

    private async Task LoadChildReports(IEnumerable<string> childIds)
    {
        foreach (var report in await Task.WhenAll(childIds.Select(c => Unit(c).GetReport())))
            if (report is not null) Rollup.Read(report);
    }

    /// <summary>Reads these children's reports as they stand and sums them into the summary at once.</summary>
    private async Task ReadChildren(IEnumerable<string> childIds)
    {
        await LoadChildReports(childIds);
        await SumChildren();
    }

    private Task SumChildren()
    {
        Rollup.SumChildren(state.State.Children);
        return Recompute(tasks: Rollup.Summary is null) ? Write() : Task.CompletedTask;
    }
}
