using Cascade.Alerts;
using Cascade.Time;

namespace Cascade.Silences;

/// <summary>
/// This node's copy of the silence registry (docs/architecture.md "Silences"): read from
/// <see cref="ISilenceGrain"/> every <see cref="RefreshEvery"/> by <see cref="SilenceRefresh"/>, and at
/// once on the node that made a change. Answers from memory, so asking costs no grain call.
/// <para>
/// The notification outbox asks <see cref="Covering"/> before it sends an alert's event: a covered
/// alert's messages are held (they notify nobody) until the silence ends. Escalation asks
/// <see cref="PausesFor"/>, on a unit's clock pass only.
/// </para>
/// </summary>
public sealed class SilenceBook(IGrainFactory grains, DomainClock clock)
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(10);

    private volatile Snapshot _current = Snapshot.Empty;
    private readonly SemaphoreSlim _refreshing = new(1, 1);

    private sealed record Snapshot(long Version, IReadOnlyList<Silence> All, bool AnyStopClimb, bool Loaded = true)
    {
        public static readonly Snapshot Empty = new(0, [], false, Loaded: false);
    }

    /// <summary>False until the registry was read once: until then nothing may be taken as unsilenced for escalation.</summary>
    public bool Loaded => _current.Loaded;

    /// <summary>The registry's version this copy holds: it changes whenever a silence was placed or ended.</summary>
    public long Version => _current.Version;

    /// <summary>Every silence kept (ended ones too), newest first.</summary>
    public IReadOnlyList<Silence> All => _current.All;

    /// <summary>True when some silence kept stops the climb: only then can escalation be held.</summary>
    public bool AnyStopClimb => _current.AnyStopClimb;

    /// <summary>
    /// The silence that covers <paramref name="alert"/> at <paramref name="at"/> (the one lasting longest
    /// when several do), or null. <paramref name="unitAndAncestorIds"/>: the alert's unit and the units
    /// above it (any superset of the silenced units among them will do).
    /// </summary>
    public Silence? Covering(Alert alert, IReadOnlyCollection<string> unitAndAncestorIds, DateTimeOffset at)
    {
        Silence? found = null;
        foreach (var s in _current.All)
            if (s.Covers(alert, unitAndAncestorIds, at) && (found is null || s.End > found.End)) found = s;
        return found;
    }

    /// <summary>Covering now (<see cref="DomainClock.Now"/>).</summary>
    public Silence? Covering(Alert alert, IReadOnlyCollection<string> unitAndAncestorIds) => Covering(alert, unitAndAncestorIds, clock.Now);

    /// <summary>The windows of the climb-stopping silences that match <paramref name="alert"/>, past, present and to come, merged.</summary>
    public List<PauseWindow> PausesFor(Alert alert, IReadOnlyCollection<string> unitAndAncestorIds)
    {
        var snapshot = _current;
        if (!snapshot.AnyStopClimb) return [];
        return ClimbClock.Merge(snapshot.All.Where(s => s.StopClimb && s.Matches(alert.UnitId, alert.Rule, unitAndAncestorIds)).Select(s => s.Window));
    }

    /// <summary>Reads the registry again when it changed; the node that made a change calls it at once.</summary>
    public async Task Refresh()
    {
        await _refreshing.WaitAsync();
        try
        {
            var known = _current;
            if (await grains.GetGrain<ISilenceGrain>(ISilenceGrain.Key).ListSince(known.Loaded ? known.Version : -1) is not { } list) return;
            if (list.Version < _current.Version) return;
            _current = new Snapshot(list.Version, [.. list.Silences.OrderByDescending(s => s.CreatedAt)], list.Silences.Any(s => s.StopClimb));
        }
        finally { _refreshing.Release(); }
    }
}
