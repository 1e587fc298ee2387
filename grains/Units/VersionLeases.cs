using Cascade.Storage;

namespace Cascade.Units;

/// <summary>
/// This node's view of the cluster's version ceiling (<see cref="IVersionLeaseGrain"/>): units
/// publish a version only at or below <see cref="Known"/>, and the clock pass renews the ceiling
/// when less than half of <see cref="Ahead"/> is left, one call for the whole node.
/// </summary>
public sealed class VersionLeases
{
    private readonly IGrainFactory _grains;
    private readonly VersionClock _clock;

    public VersionLeases(IGrainFactory grains, VersionClock clock)
    {
        (_grains, _clock) = (grains, clock);
        _activations = new SharedRead<VersionLease>(async () =>
        {
            var lease = await Lease.Activate(_clock.Now + Ahead);
            Learn(lease.Ceiling);
            return lease;
        });
    }

    /// <summary>
    /// How far ahead of this node's clock a renewal reserves versions, in microseconds: five
    /// minutes, renewed with half of it left, so the clock pass (every minute at most) renews
    /// well before a version reaches the ceiling.
    /// </summary>
    public const long Ahead = 300_000_000;

    private long _known;
    private Task? _renewing;

    public long Known => Volatile.Read(ref _known);

    public bool Low => _clock.Now + Ahead / 2 > Known;

    /// <summary>True when <paramref name="version"/> may leave a grain now: it is at or below the ceiling known to be stored.</summary>
    public bool Covers(long version) => version <= Known;

    /// <summary>Before <paramref name="version"/> leaves a grain: within the ceiling, or the ceiling is raised now.</summary>
    public Task Reserve(long version) => Covers(version) ? Task.CompletedTask : Raise(version);

    private IVersionLeaseGrain Lease => _grains.GetGrain<IVersionLeaseGrain>(0);

    /// <summary>
    /// For an activating unit: answers a version at or above every one handed out so far, anywhere.
    /// Units activating together (a start, a node's death) share one call: never one already under
    /// way, which may have read the ceiling before this unit's earlier activation last raised it,
    /// but the next, which starts when it ends.
    /// </summary>
    public async Task<long> Activate() => (await _activations.Get()).Before;

    private readonly SharedRead<VersionLease> _activations;

    /// <summary>Reserves up to <paramref name="version"/> at least (and <see cref="Ahead"/> past the clock).</summary>
    public async Task Raise(long version) => Learn(await Lease.Raise(Math.Max(version, _clock.Now + Ahead)));

    /// <summary>One renewal at a time for the whole node: every unit whose clock ticks while it runs shares it.</summary>
    public Task Renew()
    {
        var renewing = _renewing;
        if (renewing is { IsCompleted: false }) return renewing;
        return _renewing = Raise(0);
    }

    private void Learn(long ceiling)
    {
        long seen;
        while ((seen = Volatile.Read(ref _known)) < ceiling && Interlocked.CompareExchange(ref _known, ceiling, seen) != seen) { }
    }
}
