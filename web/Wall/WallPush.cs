using System.Diagnostics;
using System.Threading.Channels;
using Cascade.Units;
using Cascade.Wall;
using Microsoft.AspNetCore.SignalR;

namespace Cascade.Web.Wall;

/// <summary>
/// This host's end of the push path: one grain observer subscribed to every feed partition
/// (lease renewed every 30 s) with the units this host's walls watch, and one background
/// loop that folds what arrives into per-watch groups and sends each wall at most 4
/// messages a second. Nothing here runs inside a grain turn, and a wall that stops reading
/// is skipped (and resynchronised later) instead of slowing the others.
/// </summary>
public sealed partial class WallPush(IClusterClient client, IHubContext<WallHub> hub, ILogger<WallPush> logger)
    : BackgroundService, IWallObserver
{
    public const int MessagesPerSecond = 4;
    public const int MaxTickerItems = 20;
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(30);
    /// <summary>
    /// The window the limit is kept over: a little over a second, so that a wall still sees at
    /// most 4 messages in any second when the network delivers some of them closer together.
    /// </summary>
    private const long Window = 1100;

    private readonly Channel<WallBatch> _inbox = Channel.CreateBounded<WallBatch>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Lock _gate = new();
    private readonly Dictionary<WatchKey, WallGroup> _groups = [];
    private readonly Dictionary<string, WatchKey> _connections = [];
    private readonly Dictionary<string, Task> _sending = [];
    private readonly HashSet<string> _resync = [];
    private readonly WallDirectory _directory = new();
    private IWallObserver? _reference; // the runtime holds observers weakly: keep this one alive
    private bool _watchChanged;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the directory is loaded and the observer exists.</summary>
    public Task Ready => _ready.Task;

    public Task OnBatch(WallBatch batch)
    {
        _inbox.Writer.TryWrite(batch);
        return Task.CompletedTask;
    }

    /// <summary>Puts a connection in the group of <paramref name="key"/>, leaving any earlier one.</summary>
    public void Watch(string connectionId, WatchKey key)
    {
        lock (_gate)
        {
            Leave(connectionId);
            if (!_groups.TryGetValue(key, out var group))
            {
                _groups[key] = group = new WallGroup(key, _directory.View(key.UnitId, key.Depth));
                _watchChanged = true;
            }
            group.Connections.Add(connectionId);
            _connections[connectionId] = key;
            _resync.Remove(connectionId);
        }
        _wake.Release();
    }

    public void Leave(string connectionId)
    {
        lock (_gate)
        {
            if (!_connections.Remove(connectionId, out var key)) return;
            _sending.Remove(connectionId);
            if (_groups.TryGetValue(key, out var group) && group.Connections.Remove(connectionId) && group.Connections.Count == 0)
            {
                _groups.Remove(key);
                _watchChanged = true;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _reference = client.CreateObjectReference<IWallObserver>(this);
        await ReloadDirectory();
        _ready.TrySetResult();
        var nextRenewal = DateTime.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var structure = Drain();
                if (structure.Count > 0) await ApplyStructure(structure);
                bool renew;
                lock (_gate) { renew = _watchChanged || DateTime.UtcNow >= nextRenewal; _watchChanged = false; }
                if (renew)
                {
                    await Subscribe();
                    nextRenewal = DateTime.UtcNow + Renewal;
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

    /// <summary>Folds every waiting batch into the groups; returns the units whose place changed.</summary>
    private List<string> Drain()
    {
        var structure = new List<string>();
        lock (_gate)
        {
            while (_inbox.Reader.TryRead(out var batch))
            {
                structure.AddRange(batch.Structure);
                foreach (var update in batch.Updates)
                foreach (var group in _groups.Values)
                {
                    if (!group.View.Contains(update.UnitId)) continue;
                    if (!group.Summaries.TryGetValue(update.UnitId, out var held) || held.Version < update.Version)
                        group.Summaries[update.UnitId] = new SummaryMessage(update.UnitId, update.Version, update.Summary);
                    // The watched unit's own updates carry its whole subtree's changes.
                    if (update.UnitId == group.Key.UnitId && update.Changes.Count > 0)
                    {
                        group.Changes.AddRange(update.Changes);
                        if (group.Changes.Count > MaxTickerItems) group.Changes.RemoveRange(0, group.Changes.Count - MaxTickerItems);
                    }
                }
            }
        }
        return structure;
    }

    private async Task ApplyStructure(List<string> touched)
    {
        await ReloadDirectory();
        lock (_gate)
        {
            foreach (var group in _groups.Values)
            {
                var view = _directory.View(group.Key.UnitId, group.Key.Depth);
                if (touched.Any(id => group.View.Contains(id) || view.Contains(id))) group.Structure = true;
                if (!view.SetEquals(group.View)) _watchChanged = true;
                group.View = view;
            }
        }
    }

    private async Task ReloadDirectory()
    {
        var units = await client.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key).ListUnits(null) ?? [];
        lock (_gate) _directory.Load(units);
    }

    private async Task Subscribe()
    {
        List<string> watched;
        lock (_gate) watched = _groups.Values.SelectMany(g => g.View).Distinct().ToList();
        await Task.WhenAll(WallPartitions.All(client).Select(feed => feed.Subscribe(_reference!, watched)));
    }

    /// <summary>Sends every group whose budget allows it; returns the milliseconds until the next one may go.</summary>
    private long SendDue()
    {
        var now = Now();
        var wait = long.MaxValue;
        lock (_gate)
        {
            foreach (var group in _groups.Values)
            {
                if (!group.HasPending) continue;
                Send(group, now);
                if (!group.HasPending) continue;
                var next = NextSlot(group, now);
                if (group.Summaries.Count == 0 && !group.Structure) next = Math.Max(next, group.ChangesSent + 1000);
                wait = Math.Min(wait, next - now);
            }
            foreach (var connection in _resync.Where(c => !_sending.ContainsKey(c)).ToList())
            {
                // A wall that missed messages while it did not read is told to Watch again.
                _resync.Remove(connection);
                Start(connection, "structure", new StructureMessage(_connections.GetValueOrDefault(connection).UnitId ?? ""));
            }
        }
        return wait == long.MaxValue ? 1000 : Math.Max(1, wait);
    }

    /// <summary>When the next message may go: at once while fewer than 4 went out in the window.</summary>
    private static long NextSlot(WallGroup group, long now)
    {
        while (group.Sent.Count > 0 && group.Sent.Peek() <= now - Window) group.Sent.Dequeue();
        return group.Sent.Count < MessagesPerSecond ? now : group.Sent.Peek() + Window;
    }

    /// <summary>
    /// Sends what the budget allows, in order of importance: a change of shape (the wall then
    /// calls Watch again and needs nothing else), summaries, and the ticker at most once a second.
    /// </summary>
    private void Send(WallGroup group, long now)
    {
        if (NextSlot(group, now) > now) return;
        // A wall still busy with an earlier message is skipped and told to Watch again later.
        var blocked = group.Connections.Where(_sending.ContainsKey).ToHashSet();
        _resync.UnionWith(blocked);
        if (group.Structure)
        {
            Emit(group, blocked, "structure", new StructureMessage(group.Key.UnitId));
            group.Structure = false;
            group.Summaries.Clear();
            group.Changes.Clear();
            return;
        }
        if (group.Summaries.Count > 0)
        {
            Emit(group, blocked, "summaries", group.Summaries.Values.ToList());
            group.Summaries.Clear();
        }
        now = Now();
        if (group.Changes.Count > 0 && now - group.ChangesSent >= 1000 && NextSlot(group, now) <= now)
        {
            Emit(group, blocked, "changes", group.Changes.ToList());
            group.Changes.Clear();
            group.ChangesSent = Now();
        }
    }

    /// <summary>Sends one message to the group's walls; the limit counts from when the last of them left.</summary>
    private void Emit(WallGroup group, HashSet<string> blocked, string method, object payload)
    {
        foreach (var connection in group.Connections)
            if (!blocked.Contains(connection)) Start(connection, method, payload);
        group.Sent.Enqueue(Now());
    }

    /// <summary>
    /// Milliseconds from a high-resolution clock: Environment.TickCount64 moves in steps of
    /// several milliseconds on Linux, too coarse for a limit kept over one second.
    /// </summary>
    private static long Now() => (long)Stopwatch.GetElapsedTime(0).TotalMilliseconds;

    private void Start(string connection, string method, object payload)
    {
        var send = hub.Clients.Client(connection).SendAsync(method, payload);
        if (send.IsCompleted) return;
        _sending[connection] = send;
        send.ContinueWith(_ =>
        {
            lock (_gate) if (_sending.TryGetValue(connection, out var current) && current == send) _sending.Remove(connection);
            _wake.Release();
        }, TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The wall push loop failed; retrying in a second")]
    private partial void LogLoopFailed(Exception error);
}
