using Cascade.Storage;
using Cascade.Units;

namespace Cascade.Alerts;

/// <summary>
/// A partition of the open-alert index (decision 010): a thin shell over <see cref="OpenAlertIndex"/>.
/// It answers from memory, and writes its state at most once per <see cref="WriteAfter"/> while
/// changes arrive (a partition at a province's root hears thousands of alert changes; one write of
/// its whole state each would cost more than they do). What a crash loses in that second the units
/// announce again: every unit sends its whole open list at activation and after a cluster change.
/// </summary>
public sealed class AlertIndexGrain(
    [PersistentState("alert-index", StorageNames.Default)] IPersistentState<AlertIndexState> state) : Grain, IAlertIndexGrain
{
    public static readonly TimeSpan WriteAfter = TimeSpan.FromSeconds(10);

    private readonly OpenAlertIndex _index = new(() => state.State);
    private IGrainTimer? _writer;
    private bool _dirty;

    public Task Changed(string unitId, long version, IReadOnlyList<Alert> alerts)
    {
        if (_index.Apply(unitId, version, alerts)) Dirty();
        return Task.CompletedTask;
    }

    public Task Sync(string unitId, long version, IReadOnlyList<Alert> open)
    {
        if (_index.Sync(unitId, version, open)) Dirty();
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<Alert>> Subtree(string unitId)
    {
        var units = _index.Units();
        if (units.Count == 0) return [];
        var inside = await GrainFactory.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key).Within(unitId, units);
        return inside.Count == 0 ? [] : _index.Of(inside.ToHashSet(StringComparer.Ordinal));
    }

    public Task<IReadOnlyList<Alert>> EscalatedTo(IReadOnlyList<string> unitIds) => Task.FromResult(_index.EscalatedTo(unitIds));

    private void Dirty()
    {
        _dirty = true;
        _writer ??= this.RegisterGrainTimer(WriteIfDirty, new GrainTimerCreationOptions(WriteAfter, WriteAfter));
    }

    private async Task WriteIfDirty()
    {
        if (!_dirty)
        {
            _writer?.Dispose();
            _writer = null;
            return;
        }
        _dirty = false;
        try { await state.WriteStateAsync(); }
        catch
        {
            _dirty = true; // the next tick tries again
            throw;
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dirty) await state.WriteStateAsync(cancellationToken);
    }
}
