using System.Diagnostics;
using System.Threading.Channels;
using Cascade.Hosting;
using Cascade.Telemetry;
using Cascade.Units;
using Cascade.Wall;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using Cascade.Web.Alerts;


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

    /// <summary>Folds every waiting batch into the groups; returns the units whose place changed.</summary>
    private List<string> Drain()
    {
        var structure = new List<string>();
        var now = Now();
        lock (_gate)
        {
            while (_inbox.Reader.TryRead(out var arrival))
            {
                var (batch, trace) = arrival;
                structure.AddRange(batch.Structure);
                foreach (var update in batch.Updates)
                foreach (var group in _groups.Values)
                {
                    if (!group.View.Contains(update.UnitId)) continue;
                    if (!group.Latest.TryGetValue(update.UnitId, out var held) || held.Version < update.Version)
                    {
                        group.Latest[update.UnitId] = new SummaryMessage(update.UnitId, update.Version, update.Summary);
                        group.Changed.Add(update.UnitId);
                        group.Touch(now);
                        if (group.SummariesTrace == default) group.SummariesTrace = trace;
                    }
                    if (update.Alerts is { Count: > 0 } alerts)
                    {
                        foreach (var alert in alerts) group.Alerts[alert.Id] = alert;
                        if (group.TickerTrace == default) group.TickerTrace = trace;
                    }
                    // The watched unit's own updates carry its whole subtree's changes.
                    if (update.UnitId == group.Key.UnitId && update.Changes.Count > 0)
                    {
                        group.Changes.AddRange(update.Changes);
                        if (group.Changes.Count > MaxTickerItems) group.Changes.RemoveRange(0, group.Changes.Count - MaxTickerItems);
                        if (group.TickerTrace == default) group.TickerTrace = trace;
                    }
                }
            }
        }
        return structure;
    }

    private async Task ApplyStructure(List<string> touched)
    {
        await ReloadDirectory();
        var now = Now();
        lock (_gate)
        {
            foreach (var group in _groups.Values)
            {
                var view = _directory.View(group.Key.UnitId, group.Key.Depth);
                if (touched.Any(id => group.View.Contains(id) || view.Contains(id)))
                {
                    group.Structure = true;
                    group.Touch(now);
                }
                if (!view.SetEquals(group.View)) _watchChanged = true;
                group.View = view;
                foreach (var gone in group.Latest.Keys.Where(id => !view.Contains(id)).ToList()) group.Latest.Remove(gone);
                group.Changed.IntersectWith(view);
                foreach (var wall in group.Connections) wall.Missed.IntersectWith(view);
            }
        }
    }

    private void SubscribeAgain()
    {
        lock (_gate) _watchChanged = true;
        _wake.Release();
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
        try
        {
            await Task.WhenAll(WallPartitions.All(client).Select(feed => feed.Subscribe(_reference!, watched)));
        }
        catch (Exception error)
        {
            LogSubscribeFailed(error);
            lock (_gate) _watchChanged = true; // try again at once
        }
        _wake.Release();
    }

    /// <summary>Sends every group that is due; returns the milliseconds until the next one is.</summary>
    private long SendDue()
    {
        var now = Now();
        var wait = long.MaxValue;
        lock (_gate)
        {
            DropStuck(now);
            foreach (var group in _groups.Values)
            {
                if (!group.HasPending) continue;
                if (Due(group) <= now) Send(group, now);
                if (group.HasPending) wait = Math.Min(wait, Due(group) - now);
            }
        }
        return wait == long.MaxValue ? 1000 : Math.Max(1, wait);
    }

    /// <summary>When the group's next message may go: the earlier of its two lanes' next slots.</summary>
    private static long Due(WallGroup group) => Math.Min(
        group.HasSummaries ? SummariesDue(group) : long.MaxValue,
        group.HasTicker ? TickerDue(group) : long.MaxValue);

    /// <summary><see cref="Window"/> after the last ticker, and not together with summaries: halfway between two.</summary>
    private static long TickerDue(WallGroup group) =>
        Math.Max(group.ChangesSent + Window, group.SummariesSent + SummariesSpacing / 2);

    /// <summary><see cref="SummariesSpacing"/> after the last one, and a short <see cref="Gather"/> after the first change since.</summary>
    private static long SummariesDue(WallGroup group)
    {
        var due = group.SummariesSent + SummariesSpacing;
        return group.FirstPending is { } first ? Math.Max(due, first + Gather) : due;
    }

    /// <summary>
    /// Sends what each lane has due: a change of shape (the walls then call Watch again and need
    /// nothing else) or summaries (with catch-ups for walls that were busy); and the ticker.
    /// </summary>
    private void Send(WallGroup group, long now)
    {
        if (group.HasSummaries && SummariesDue(group) <= now)
        {
            using (StartPush(group, group.Structure ? "structure" : "summaries", group.SummariesTrace))
            {
                if (group.Structure) SendStructure(group);
                else SendSummaries(group);
            }
            group.SummariesTrace = default;
            // Spacing counts from when the last wall's message was handed over, not from when
            // the loop woke: a pause (GC, a busy CPU) in between must not let the next one go early.
            group.SummariesSent = Now();
            group.FirstPending = null;
        }
        if (group.HasTicker && TickerDue(group) <= now)
        {
            // Alerts take the ticker's slot before ticker items: the budget of messages stays the same.
            var alerts = group.Alerts.Count > 0 || group.Connections.Any(c => c.MissedAlerts.Count > 0);
            using (StartPush(group, alerts ? "alerts" : "changes", group.TickerTrace))
            {
                if (alerts) SendAlerts(group);
                else SendTicker(group);
            }
            group.TickerTrace = default;
        }
    }

    /// <summary>
    /// The alerts that changed go to every wall free to take them; a busy wall keeps them and
    /// gets them, merged with any newer ones, at its next ticker slot, so no wall misses one.
    /// </summary>
    private void SendAlerts(WallGroup group)
    {
        (string, SerializedHubMessage)? shared = group.Alerts.Count > 0 ? Message("alerts", AlertsOf(group.Alerts)) : null;
        foreach (var wall in group.Connections)
        {
            if (wall.Sending is not null)
            {
                foreach (var (id, alert) in group.Alerts) wall.MissedAlerts[id] = alert;
                continue;
            }
            if (wall.MissedAlerts.Count > 0)
            {
                foreach (var (id, alert) in group.Alerts) wall.MissedAlerts[id] = alert;
                Start(wall, Message("alerts", AlertsOf(wall.MissedAlerts)));
                wall.MissedAlerts.Clear();
            }
            else if (shared is { } message) Start(wall, message);
        }
        group.Alerts.Clear();
        group.ChangesSent = Now();
    }

    private static List<AlertDto> AlertsOf(Dictionary<string, Cascade.Alerts.Alert> alerts) =>
        [.. alerts.Values.OrderBy(a => a.FiredAt).Select(AlertDto.From)];

    /// <summary>
    /// The span of one message to a group's walls: it continues the trace of the first change the
    /// message carries (a task update's trace then reaches its push); later changes folded into the
    /// same message keep their own traces up to the batch they arrived in.
    /// </summary>
    private static Activity? StartPush(WallGroup group, string method, ActivityContext trace) =>
        CascadeTelemetry.Source.StartActivity(CascadeTelemetry.Spans.WallPush, ActivityKind.Producer, trace)?
            .SetTag(CascadeTelemetry.Tags.Message, method)
            .SetTag(CascadeTelemetry.Tags.Unit, group.Key.UnitId)
            .SetTag(CascadeTelemetry.Tags.Depth, group.Key.Depth)
            .SetTag(CascadeTelemetry.Tags.Connections, group.Connections.Count);

    private void SendStructure(WallGroup group)
    {
        var message = Message("structure", new StructureMessage(group.Key.UnitId));
        foreach (var wall in group.Connections)
        {
            wall.Missed.Clear();
            if (wall.Sending is null) { wall.MissedStructure = false; Start(wall, message); }
            else wall.MissedStructure = true;
        }
        group.Structure = false;
        group.Changed.Clear();
        group.Changes.Clear();
    }

    private void SendSummaries(WallGroup group)
    {
        (string, SerializedHubMessage)? shared = group.Changed.Count > 0 ? Message("summaries", Pick(group, group.Changed)) : null;
        foreach (var wall in group.Connections)
        {
            if (wall.Sending is not null) wall.Missed.UnionWith(group.Changed);
            else if (wall.MissedStructure)
            {
                wall.MissedStructure = false;
                wall.Missed.Clear();
                Start(wall, Message("structure", new StructureMessage(group.Key.UnitId)));
            }
            else if (wall.Missed.Count > 0)
            {
                wall.Missed.UnionWith(group.Changed);
                Start(wall, Message("summaries", Pick(group, wall.Missed)));
                wall.Missed.Clear();
            }
            else if (shared is { } message) Start(wall, message);
        }
        group.Changed.Clear();
    }

    private static List<SummaryMessage> Pick(WallGroup group, IEnumerable<string> unitIds) =>
        unitIds.Select(id => group.Latest.GetValueOrDefault(id)).OfType<SummaryMessage>().ToList();

    /// <summary>The ticker goes to the walls free to take it; a busy wall misses those items.</summary>
    private void SendTicker(WallGroup group)
    {
        var shared = Message("changes", group.Changes.ToList());
        foreach (var wall in group.Connections)
            if (wall.Sending is null && !wall.NeedsCatchUp) Start(wall, shared);
        group.Changes.Clear();
        group.ChangesSent = Now();
    }

    private void DropStuck(long now)
    {
        var limit = (long)options.Value.DropAfter.TotalMilliseconds;
        foreach (var wall in _walls.Values)
        {
            if (wall.Sending is null || wall.Dropped || now - wall.SendingSince < limit) continue;
            wall.Dropped = true;
            LogDropped(wall.Id, now - wall.SendingSince);
            wall.Connection.Abort();
        }
    }

    /// <summary>
    /// Milliseconds from a high-resolution clock: Environment.TickCount64 moves in steps of
    /// several milliseconds on Linux, too coarse for a limit kept over one second.
    /// </summary>
    private static long Now() => (long)Stopwatch.GetElapsedTime(0).TotalMilliseconds;

    /// <summary>One message for many walls: SignalR serializes it once per protocol, on first use.</summary>
    private static (string Method, SerializedHubMessage Message) Message(string method, object payload) =>
        (method, new SerializedHubMessage(new InvocationMessage(method, [payload])));

    private void Start(WallConnection wall, (string Method, SerializedHubMessage Message) message)
    {
        var written = connections.Send(wall.Connection, message.Method, message.Message);
        if (written.IsCompletedSuccessfully)
        {
            Count(wall, message);
            return;
        }
        var send = written.AsTask();
        wall.Sending = send;
        wall.SendingSince = Now();
        send.ContinueWith(sent =>
        {
            if (sent.IsCompletedSuccessfully) Count(wall, message);
            lock (_gate) if (wall.Sending == send) wall.Sending = null;
            _wake.Release();
        }, TaskScheduler.Default);
    }

    /// <summary>
    /// cascade.wall.pushes and .push.bytes, once a message has left for the transport: it was
    /// serialized for this wall's protocol on the way, so its size is at hand (and a message a
    /// stuck wall never takes is never counted).
    /// </summary>
    private static void Count(WallConnection wall, (string Method, SerializedHubMessage Message) message)
    {
        var method = new KeyValuePair<string, object?>(CascadeTelemetry.Tags.Message, message.Method);
        CascadeTelemetry.WallPushes.Add(1, method);
        if (CascadeTelemetry.WallPushBytes.Enabled)
            CascadeTelemetry.WallPushBytes.Add(message.Message.GetSerializedMessage(wall.Connection.Protocol).Length, method);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The wall push loop failed; retrying in a second")]
    private partial void LogLoopFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to the wall feed failed; retrying")]
    private partial void LogSubscribeFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wall connection {ConnectionId} disconnected: its last message has not left for {Milliseconds} ms")]
    private partial void LogDropped(string connectionId, long milliseconds);
}
