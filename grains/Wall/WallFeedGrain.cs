using Cascade.Rollup;
using Cascade.Telemetry;
using Cascade.Units;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace Cascade.Wall;

/// <summary>
/// Batches the changes of the units its web hosts watch and sends each host one batch per
/// tick, with the roll-up's leading-edge throttle (<see cref="LeadingEdge"/>) but a shorter window
/// (<see cref="WallOptions.FeedWindow"/>): the first change after a quiet window goes out at once. Hosts hold a lease (<see cref="Lease"/>) and renew it; a host that
/// dies is dropped when its lease runs out.
/// </summary>
public sealed class WallFeedGrain(ILogger<WallFeedGrain> logger, IOptions<WallOptions> options) : Grain, IWallFeedGrain
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(90);
    public const int MaxChangesPerUnit = 20;

    private readonly ObserverManager<IWallObserver> _observers = new(Lease, logger);
    private readonly Dictionary<IWallObserver, HashSet<string>> _watched = [];
    private readonly Dictionary<string, UnitUpdate> _pending = [];
    private readonly HashSet<string> _structure = [];
    private readonly Dictionary<string, Cascade.Directives.DirectiveRow> _directives = [];
    /// <summary>The roll-up's throttle with the feed's shorter window; the batch at a window's end continues the first held update's trace.</summary>
    private readonly RollupThrottle _throttle = new(options.Value.FeedWindow);

    private int Partition => (int)this.GetPrimaryKeyLong();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _throttle.Start(this.RegisterGrainTimer(OnTimer, new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan)));
        return Task.CompletedTask;
    }

    public Task Subscribe(IWallObserver observer, IReadOnlyList<string> watched)
    {
        _observers.Subscribe(observer, observer);
        var mine = watched.Where(id => WallPartitions.For(id) == Partition).ToHashSet();
        var before = _watched.GetValueOrDefault(observer) ?? [];
        _watched[observer] = mine;
        // Units publish only while watched: tell each one, with the same lease as the host's.
        // A unit new to this host republishes at once: a change it published before the host
        // asked for it (between a wall's snapshot and this subscription) would be lost otherwise.
        foreach (var id in mine) GrainFactory.GetGrain<IUnitGrain>(id).SetWatched(Lease, !before.Contains(id)).Ignore();
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IWallObserver observer)
    {
        _observers.Unsubscribe(observer);
        _watched.Remove(observer);
        return Task.CompletedTask;
    }

    public Task Publish(UnitUpdate update)
    {
        if (_pending.TryGetValue(update.UnitId, out var earlier))
        {
            var changes = earlier.Changes.Concat(update.Changes).TakeLast(MaxChangesPerUnit).ToList();
            update = update.Version >= earlier.Version ? update with { Changes = changes } : earlier with { Changes = changes };
        }
        _pending[update.UnitId] = update;
        Flush();
        return Task.CompletedTask;
    }

    public Task PublishDirective(Cascade.Directives.DirectiveRow row)
    {
        if (!_directives.TryGetValue(row.Id, out var held) || held.Version <= row.Version) _directives[row.Id] = row;
        Flush();
        return Task.CompletedTask;
    }

    public Task StructureChanged(IReadOnlyList<string> unitIds)
    {
        _structure.UnionWith(unitIds);
        Flush();
        return Task.CompletedTask;
    }

    private Task OnTimer()
    {
        using var activity = CascadeTelemetry.Continue(CascadeTelemetry.Spans.FeedWindow, _throttle.Released());
        Flush();
        return Task.CompletedTask;
    }

    private void Flush()
    {
        if (_pending.Count == 0 && _structure.Count == 0 && _directives.Count == 0) return;
        if (!_throttle.Ready(pending: true)) return;
        _throttle.Sent();
        _observers.ClearExpired();
        foreach (var gone in _watched.Keys.Where(o => !_observers.Observers.ContainsKey(o)).ToList()) _watched.Remove(gone);
        var structure = _structure.ToList();
        foreach (var (observer, watched) in _watched)
        {
            var updates = _pending.Values.Where(u => watched.Contains(u.UnitId)).ToList();
            var directives = _directives.Values.Where(d => watched.Contains(d.IssuerUnitId)).ToList();
            if (updates.Count > 0 || structure.Count > 0 || directives.Count > 0)
                observer.OnBatch(new WallBatch(updates, structure, directives.Count > 0 ? directives : null)).Ignore();
        }
        _pending.Clear();
        _directives.Clear();
        _structure.Clear();
    }
}
