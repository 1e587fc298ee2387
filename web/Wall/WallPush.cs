using Cascade.Cluster;
using System.Diagnostics;
using System.Threading.Channels;
using Cascade.Hosting;
using Cascade.Telemetry;
using Cascade.Units;
using Cascade.Wall;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace Cascade.Web.Wall;

/// <summary>
/// This host's end of the push path: one grain observer subscribed to every feed partition
/// (lease renewed every 30 s) with the units this host's walls watch, and one background
/// loop that folds what arrives into per-watch groups and sends each group's walls at most
/// 4 messages a second (<see cref="Window"/>). Nothing here runs inside a grain turn.
/// <para>
/// Each message is serialized once per group (SignalR's <see cref="SerializedHubMessage"/>, written
/// to each wall's connection). A wall keeps at
/// most one message on its way: a wall still busy when the group sends is skipped and
/// remembers which units it missed, then gets their newest summaries in one catch-up message
/// at the group's next slot; a wall stuck longer than <see cref="WallOptions.DropAfter"/> is
/// disconnected. So a wall that stops reading costs bounded memory and never slows the others.
/// </para>
/// </summary>
public sealed partial class WallPush(
    IClusterClient client, WallLifetimeManager connections, IOptions<WallOptions> options, ClusterChanges cluster, ILogger<WallPush> logger)
    : BackgroundService, IWallObserver
{
    public const int MessagesPerSecond = 4;
    public const int MaxTickerItems = 20;
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(30);
    /// <summary>
    /// The budget is kept over a little more than a second, so that a wall still sees at most 4
    /// messages in any second when the network delivers some of them closer together. It has
    /// two lanes: summaries (and changes of shape) get 3 evenly spaced messages in it, at least
    /// <see cref="SummariesSpacing"/> apart, the ticker one, at least <see cref="Window"/> apart.
    /// A wall thus never sees more than 4, and a new figure never waits more than 367 ms for
    /// its slot, even when the ticker is busy too.
    /// </summary>
    private const long Window = 1100;
    private const long SummariesSpacing = Window / (MessagesPerSecond - 1);
    /// <summary>
    /// How long the summaries lane waits after the first change arrives before sending: one
    /// write reaches the host in a few feed batches milliseconds apart (its unit, the committee,
    /// the root hash to different partitions), and they should make one message, not three.
    /// </summary>
    private const long Gather = 15;

    private readonly Channel<Arrival> _inbox = Channel.CreateBounded<Arrival>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Lock _gate = new();
    private readonly Dictionary<WatchKey, WallGroup> _groups = [];
    private readonly Dictionary<string, WallConnection> _walls = [];
    private readonly WallDirectory _directory = new();
    private IWallObserver? _reference; // the runtime holds observers weakly: keep this one alive
    private bool _watchChanged;
    private Task? _subscribing;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the directory is loaded and the observer exists.</summary>
    public Task Ready => _ready.Task;

    public Task OnBatch(WallBatch batch)
    {
        _inbox.Writer.TryWrite(new Arrival(batch, CascadeTelemetry.CurrentTrace()));
        return Task.CompletedTask;
    }

    /// <summary>A batch with the trace it arrived in: the message that carries it to walls continues that trace.</summary>
    private readonly record struct Arrival(WallBatch Batch, ActivityContext Trace);

    /// <summary>Puts a connection in the group of <paramref name="key"/>, leaving any earlier one.</summary>
    public void Watch(string connectionId, WatchKey key)
    {
        lock (_gate)
        {
            // The same connection object is kept, so a message still on its way is still known.
            if (!_walls.TryGetValue(connectionId, out var wall))
            {
                if (connections.Find(connectionId) is not { } connection) return; // already gone
                _walls[connectionId] = wall = new WallConnection(connection);
            }
            LeaveGroup(wall);
            if (!_groups.TryGetValue(key, out var group))
            {
                _groups[key] = group = new WallGroup(key, _directory.View(key.UnitId, key.Depth));
                _watchChanged = true;
            }
            group.Connections.Add(wall);
            wall.Group = group;
            wall.Missed.Clear();
            wall.MissedStructure = false;
        }
        _wake.Release();
    }

    public void Leave(string connectionId)
    {
        lock (_gate)
            if (_walls.Remove(connectionId, out var wall)) LeaveGroup(wall);
    }

    private void LeaveGroup(WallConnection wall)
    {
        if (wall.Group is not { } group) return;
        wall.Group = null;
        if (group.Connections.Remove(wall) && group.Connections.Count == 0)
        {
            _groups.Remove(group.Key);
            _watchChanged = true;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _reference = client.CreateObjectReference<IWallObserver>(this);
        // A feed partition that lived on a node that died comes back without this host's
        // subscription: subscribe again at once, not at the next renewal up to 30 s later; and
        // again once the cluster has settled (RollupRepair waits as long), since a call made at
        // the moment of the change may still reach the dead node's partition. With deaths
        // declared within seconds, walls on one SQLite file otherwise waited for the renewal.
        cluster.Subscribe(() =>
        {
            SubscribeAgain();
            Task.Delay(RollupRepair.Settle, stoppingToken).ContinueWith(_ => SubscribeAgain(), CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        });
        await ReloadDirectory();
        _ready.TrySetResult();
        var nextRenewal = DateTime.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var structure = Drain();
                if (structure.Count > 0) await ApplyStructure(structure);
                // Subscribing is a round trip to every partition: it runs beside the sends, never
                // in front of them. A change of watch while one is on its way waits for the next.
                if (_subscribing is null || _subscribing.IsCompleted)
                {
                    bool renew;
                    lock (_gate) { renew = _watchChanged || DateTime.UtcNow >= nextRenewal; _watchChanged = false; }
                    if (renew)
                    {
                        _subscribing = Subscribe();
                        nextRenewal = DateTime.UtcNow + Renewal;
                    }
                }
                var wait = SendDue();
                await WaitForWork(TimeSpan.FromMilliseconds(Math.Min(wait, Renewal.TotalMilliseconds)), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
            catch (Exception error)
            {
                LogLoopFailed(error);
                await Task.Delay(1000, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        foreach (var feed in WallPartitions.All(client)) await feed.Unsubscribe(_reference).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task WaitForWork(TimeSpan timeout, CancellationToken stoppingToken)
    {
        if (_inbox.Reader.Count > 0) return;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var inbox = _inbox.Reader.WaitToReadAsync(cancel.Token).AsTask();
        var wake = _wake.WaitAsync(cancel.Token);
        await Task.WhenAny(inbox, wake, Task.Delay(timeout, cancel.Token));
        cancel.Cancel();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The wall push loop failed; retrying in a second")]
    private partial void LogLoopFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to the wall feed failed; retrying")]
    private partial void LogSubscribeFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wall connection {ConnectionId} disconnected: its last message has not left for {Milliseconds} ms")]
    private partial void LogDropped(string connectionId, long milliseconds);
}
