using Cascade.Rollup;
using Cascade.Tasks;

namespace Cascade.Units;

/// <summary>Reads, the children's reports, walls' leases, and the versions that leave the grain.</summary>
public sealed partial class UnitGrain
{
    public async Task<Summary?> GetSummary()
    {
        await Reserved();
        return Rollup.Summary;
    }

    public async Task<ChildReport?> GetReport()
    {
        await Reserved();
        return Rollup.CurrentReport();
    }

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

    public Task SetWatched(TimeSpan lease, bool republish)
    {
        if (!_lease.Renew(lease, republish)) return Task.CompletedTask;
        _changes.TakeForFeed(); // a new watcher gets the current summary at once, and the alerts as they stand
        _lease.Owe(Desk.Standing());
        return Exists ? Flush() : Task.CompletedTask;
    }

    /// <summary>
    /// The repair pass after the cluster changed (<see cref="RollupRepair"/>): a report sent up to
    /// this unit, or a publish to a wall's feed, may have been lost with a node.
    /// </summary>
    public async Task Reconcile()
    {
        if (!Exists) return;
        await ReadChildren(state.State.Children);
        if (_lease.Watched) _lease.Republish();
        await Flush();
        await ReconcileEscalatedAlerts();
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
        return Recompute(tasks: false) ? Store() : Task.CompletedTask;
    }

    // Versions (decision 009, docs/architecture.md "Time"): none leaves the grain above the
    // cluster's reserved ceiling, and an activation starts above every one handed out before.
    private bool Unreserved => Rollup.Version > versionLeases.Known;

    private Task Reserved() => Unreserved ? versionLeases.Raise(Rollup.Version) : Task.CompletedTask;

    private async Task StartAboveLease() => Rollup.StartAbove(await versionLeases.Activate());
}
