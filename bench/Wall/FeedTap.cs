using System.Diagnostics;
using Cascade.Wall;

namespace Cascade.Bench.Wall;

/// <summary>
/// A second "web host" on the root's feed partition, watching the root alone: it notes when a
/// feed batch carrying a new root total leaves the partition, which splits the push path into
/// root grain -> feed batch (the root's and the partition's throttle windows) and feed batch ->
/// wall (the host's 4-a-second budget, the fan-out to every connection, delivery). It costs the
/// partition one more small batch per tick; it changes nothing for the real host.
/// </summary>
public sealed class FeedTap(IGrainFactory grains, string rootId) : IWallObserver, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private double _weight = double.NaN;
    private long _since;
    private IWallObserver? _reference; // the runtime holds observers weakly
    private Task _renewing = Task.CompletedTask;

    private IWallFeedGrain Feed => grains.GetGrain<IWallFeedGrain>(WallPartitions.For(rootId));

    public async Task StartAsync()
    {
        _reference = grains.CreateObjectReference<IWallObserver>(this);
        await Feed.Subscribe(_reference, [rootId]);
        _renewing = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                    await Feed.Subscribe(_reference, [rootId]);
            }
            catch (OperationCanceledException) { }
        });
    }

    public Task OnBatch(WallBatch batch)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var update in batch.Updates)
        {
            if (update.UnitId != rootId) continue;
            lock (_gate)
                if (update.Summary.All.Weight != _weight)
                {
                    _weight = update.Summary.All.Weight;
                    _since = now;
                }
        }
        return Task.CompletedTask;
    }

    /// <summary>True when a feed batch has carried a root total of <paramref name="weight"/>; <paramref name="since"/> is when the first such batch arrived.</summary>
    public bool Holds(double weight, out long since)
    {
        lock (_gate)
        {
            since = _since;
            return Math.Abs(_weight - weight) < 1e-6;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        if (_reference is not null)
        {
            await Feed.Unsubscribe(_reference);
            grains.DeleteObjectReference<IWallObserver>(_reference);
        }
        _stop.Dispose();
    }
}
