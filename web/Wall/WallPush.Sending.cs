using System.Diagnostics;
using Cascade.Telemetry;
using Cascade.Web.Alerts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Cascade.Web.Wall;

/// <summary>
/// The sending side of <see cref="WallPush"/>: when each group's two lanes are due, what each wall
/// gets (shared, a catch-up, or nothing while busy), the push span, and the message counters.
/// </summary>
public sealed partial class WallPush
{
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
                SendDirectives(group);
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

    /// <summary>
    /// The <c>directives</c> message (the summaries lane): changed rows to every wall free to take
    /// them; a busy wall keeps them and gets them, merged with newer ones, when it is free.
    /// </summary>
    private void SendDirectives(WallGroup group)
    {
        foreach (var wall in group.Connections)
        {
            if (wall.Sending is not null || (wall.MissedDirectives.Count == 0 && group.Directives.Count == 0))
            {
                foreach (var (id, row) in group.Directives) wall.MissedDirectives[id] = row;
                continue;
            }
            foreach (var (id, row) in group.Directives) wall.MissedDirectives[id] = row;
            Start(wall, Message("directives", wall.MissedDirectives.Values.ToList()));
            wall.MissedDirectives.Clear();
        }
        group.Directives.Clear();
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
}
