using Cascade.Storage;
using Cascade.Units;

namespace Cascade.Alerts;

/// <summary>
/// A partition of the open-alert index (decision 010): a thin shell over <see cref="OpenAlertIndex"/>.
/// It answers from memory and keeps a row per unit with open alerts in the <see cref="IAlertIndexStore"/>:
/// at most once per <see cref="FlushAfter"/> while changes arrive, it writes the rows of the units
/// whose open alerts changed since the last flush, never its whole state. What a crash loses in that
/// second the units announce again: every unit sends its whole open list at activation and after a
/// cluster change. A partition's whole state as written before rows (<c>alert-index</c>) is read
/// once at activation, moved to rows, and cleared.
/// </summary>
public sealed class AlertIndexGrain(
    [PersistentState("alert-index", StorageNames.Default)] IPersistentState<AlertIndexState> wholeState,
    IAlertIndexStore store,
    IRaisedAlertStore records) : Grain, IAlertIndexGrain
{
    public static readonly TimeSpan FlushAfter = TimeSpan.FromSeconds(1);

    private readonly AlertIndexState _held = new();
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private OpenAlertIndex? _index;
    private IGrainTimer? _flusher;

    private OpenAlertIndex Index => _index ??= new(() => _held);
    private int Partition => (int)this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var row in await store.Load(Partition)) Index.Adopt(row);
        if (!wholeState.RecordExists)
        {
            await Record();
            return;
        }
        // Written before rows: its units' alerts become rows (a row already stored is newer and stays), then it goes.
        var old = wholeState.State;
        foreach (var unit in old.Open.Values.GroupBy(a => a.UnitId))
            if (Index.Adopt(new AlertIndexRow(unit.Key, old.Versions.GetValueOrDefault(unit.Key), [.. unit]))) _changed.Add(unit.Key);
        await Flush();
        await wholeState.ClearStateAsync();
    }

    public Task Changed(string unitId, long version, IReadOnlyList<Alert> alerts)
    {
        if (Index.Apply(unitId, version, alerts)) Dirty(unitId);
        return Task.CompletedTask;
    }

    public Task Sync(string unitId, long version, IReadOnlyList<Alert> open)
    {
        if (Index.Sync(unitId, version, open)) Dirty(unitId);
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<Alert>> Subtree(string unitId)
    {
        var units = Index.Units();
        if (units.Count == 0) return [];
        var inside = await GrainFactory.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key).Within(unitId, units);
        return inside.Count == 0 ? [] : Index.Of(inside.ToHashSet(StringComparer.Ordinal));
    }

    public Task<IReadOnlyList<Alert>> EscalatedTo(IReadOnlyList<string> unitIds) => Task.FromResult(Index.EscalatedTo(unitIds));

    private void Dirty(string unitId)
    {
        _changed.Add(unitId);
        _flusher ??= this.RegisterGrainTimer(FlushIfChanged, new GrainTimerCreationOptions(FlushAfter, FlushAfter));
    }

    private Task FlushIfChanged()
    {
        if (_changed.Count > 0) return Flush();
        _flusher?.Dispose();
        _flusher = null;
        return Task.CompletedTask;
    }

    /// <summary>
    /// The rows of the units changed since the last flush: rewritten, or deleted for a unit with
    /// none left; then the records of the alerts raised meanwhile.
    /// </summary>
    private async Task Flush()
    {
        if (_changed.Count == 0) return;
        var units = _changed.ToList();
        _changed.Clear();
        var rows = new List<AlertIndexRow>(units.Count);
        var removed = new List<string>();
        foreach (var unitId in units)
            if (Index.Row(unitId) is { } row) rows.Add(row);
            else removed.Add(unitId);
        try { await store.Save(Partition, rows, removed); }
        catch
        {
            _changed.UnionWith(units); // the next tick tries again
            throw;
        }
        await Record();
    }

    /// <summary>
    /// Stores the records of raised alerts not yet offered. On a failure they wait for the next
    /// flush (their unit is marked changed so one comes): the index itself goes on answering.
    /// </summary>
    private async Task Record()
    {
        var raised = Index.TakeRaised();
        if (raised.Count == 0) return;
        try { await records.Record(raised); }
        catch (Exception)
        {
            Index.Return(raised);
            Dirty(raised[0].UnitId);
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Flush();
}
