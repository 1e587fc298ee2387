using Cascade.Alerts;

namespace Cascade.Notifications;

/// <summary>
/// A route's outbox as plain logic over its <see cref="NotifyRouteState"/> (docs/architecture.md
/// "Notifications"): takes events once, groups a unit's events within the group wait (a digest
/// route: the day's events until its time on the next working day), holds all but red in quiet
/// hours, makes messages with a delivery id, and records every attempt with its retry. The route
/// grain stores the state and sends.
/// </summary>
public sealed class RouteDesk(string route, RouteOptions options, TimeSpan groupWait, string? quietHours, TimeZoneInfo zone,
    Func<DateOnly, bool> workingDay, Func<NotifyRouteState> state)
{
    /// <summary>Items a message holds in full; the rest are counted.</summary>
    public const int MaxItems = 50;
    /// <summary>Messages waiting for delivery at most; more groups wait (bounded) until some are delivered or fail.</summary>
    public const int MaxPending = 1000;
    /// <summary>Sent and failed messages kept for the outbox's page: at most this many, for at most <see cref="HistoryAge"/>.</summary>
    public const int HistoryKept = 500;
    public static readonly TimeSpan HistoryAge = TimeSpan.FromDays(7);
    /// <summary>Event ids taken within this long are taken once.</summary>
    public static readonly TimeSpan SeenFor = TimeSpan.FromHours(24);
    public const int SeenKept = 50_000;
    public const int AnswerKept = 1000;

    private NotifyRouteState State => state();
    private bool IsDigest => options.Digest is not null;

    /// <summary>
    /// Takes the events not taken within 24 h into their groups; answers how many were new. An event
    /// <paramref name="holdUntil"/> holds (a silence) waits in a held group until that instant at least.
    /// </summary>
    public int Accept(IReadOnlyList<NotifyEvent> events, DateTimeOffset now, Func<NotifyEvent, DateTimeOffset?>? holdUntil = null)
    {
        var taken = 0;
        foreach (var e in events)
        {
            if (!State.Seen.TryAdd(e.Id, now)) continue;
            taken++;
            var hold = holdUntil?.Invoke(e);
            var held = hold is not null || !IsDigest && e.Alert.Severity != AlertSeverity.Red && LocalClockTimes.QuietUntil(quietHours, now, zone) is not null;
            var unit = IsDigest ? "" : e.Alert.UnitId;
            var group = State.Waiting.Find(g => g.UnitId == unit && g.Held == held);
            if (group is null)
            {
                group = new NotifyGroup { UnitId = unit, Held = held, First = now, ReadyAt = ReadyAt(now, held) };
                State.Waiting.Add(group);
            }
            if (hold is { } until && until > group.ReadyAt) group.ReadyAt = until;
            if (group.Events.Count < MaxItems) group.Events.Add(e);
            else
            {
                group.Omitted++;
                if (e.Alert.Severity == AlertSeverity.Red) group.OmittedRed++;
            }
        }
        return taken;
    }

    private DateTimeOffset ReadyAt(DateTimeOffset first, bool held)
    {
        var at = IsDigest && LocalClockTimes.TryParse(options.Digest, out var time)
            ? LocalClockTimes.NextOn(time, first, zone, workingDay)
            : first + groupWait;
        if ((held || IsDigest) && LocalClockTimes.QuietUntil(quietHours, at, zone) is { } until) at = until;
        return at;
    }

    /// <summary>The groups whose time came (a group without red that quiet hours now cover waits for their end).</summary>
    public List<NotifyGroup> Ready(DateTimeOffset now, out bool held)
    {
        held = false;
        var ready = new List<NotifyGroup>();
        foreach (var group in State.Waiting)
        {
            if (group.ReadyAt > now || State.Pending.Count + ready.Count >= MaxPending) continue;
            if (!IsDigest && !group.Held && group.OmittedRed == 0 && !group.Events.Exists(e => e.Alert.Severity == AlertSeverity.Red)
                && LocalClockTimes.QuietUntil(quietHours, now, zone) is { } until)
            {
                (group.Held, group.ReadyAt, held) = (true, until, true);
                continue;
            }
            ready.Add(group);
        }
        return ready;
    }

    /// <summary>Makes each ready group a pending message with its delivery id, due at once.</summary>
    public List<RouteMessage> Form(IReadOnlyList<NotifyGroup> ready, Func<string, string[]> unitPath, DateTimeOffset now)
    {
        var made = new List<RouteMessage>(ready.Count);
        foreach (var group in ready)
        {
            State.Waiting.Remove(group);
            var message = new RouteMessage
            {
                DeliveryId = Guid.NewGuid().ToString("N"),
                Route = route,
                Kind = IsDigest ? NotifyMessageKind.Digest : NotifyMessageKind.Grouped,
                CreatedAt = now,
                UnitIds = [.. group.Events.Select(e => e.Alert.UnitId).Distinct(StringComparer.Ordinal)],
                Items = [.. group.Events.Select(e => new RouteItem(e, unitPath(e.Alert.UnitId)))],
                Omitted = group.Omitted,
                NextAttempt = now,
            };
            State.Pending.Add(message);
            made.Add(message);
        }
        return made;
    }

    /// <summary>The pending messages whose attempt is due, earliest first.</summary>
    public List<RouteMessage> Due(DateTimeOffset now) =>
        [.. State.Pending.Where(m => m.NextAttempt <= now).OrderBy(m => m.NextAttempt)];

    /// <summary>Records an attempt: delivered, tried again later (same id), or failed for good 24 h after the first.</summary>
    public void Attempted(RouteMessage message, DeliveryAnswer answer, DateTimeOffset now)
    {
        message.Attempts++;
        message.FirstAttempt ??= now;
        message.LastAttempt = now;
        message.LastStatus = answer.Status;
        message.LastAnswer = answer.Answer is { Length: > AnswerKept } text ? text[..AnswerKept] : answer.Answer;
        message.NextAttempt = answer.Delivered ? null : RetrySchedule.Next(message.Attempts, message.FirstAttempt.Value, now);
        if (!answer.Delivered && message.NextAttempt is not null) return;
        message.State = answer.Delivered ? RouteMessageState.Sent : RouteMessageState.Failed;
        State.Pending.Remove(message);
        State.History.Add(message);
    }

    /// <summary>When something is next due: a group's time or a message's next attempt.</summary>
    public DateTimeOffset? NextDue()
    {
        DateTimeOffset? next = null;
        foreach (var group in State.Waiting) if (next is null || group.ReadyAt < next) next = group.ReadyAt;
        foreach (var message in State.Pending) if (message.NextAttempt is { } at && (next is null || at < next)) next = at;
        return next;
    }

    /// <summary>Forgets event ids older than 24 h and history beyond its bounds; true when anything went.</summary>
    public bool Prune(DateTimeOffset now)
    {
        var before = (State.Seen.Count, State.History.Count);
        if (State.Seen.Count > 0)
        {
            foreach (var (id, at) in State.Seen.Where(p => now - p.Value > SeenFor).ToList()) State.Seen.Remove(id);
            if (State.Seen.Count > SeenKept)
                foreach (var id in State.Seen.OrderBy(p => p.Value).Take(State.Seen.Count - SeenKept).Select(p => p.Key).ToList())
                    State.Seen.Remove(id);
        }
        State.History.RemoveAll(m => now - (m.LastAttempt ?? m.CreatedAt) > HistoryAge);
        if (State.History.Count > HistoryKept) State.History.RemoveRange(0, State.History.Count - HistoryKept);
        return before != (State.Seen.Count, State.History.Count);
    }

    /// <summary>The message a channel sends for <paramref name="message"/> now.</summary>
    public NotifyMessage ToSend(RouteMessage message, Func<Alert, string> ledgerUrl, DateTimeOffset now) =>
        new(message.DeliveryId, route, options.Language, now,
            [.. message.Items.Select(i => new NotifyItem(i.Event, i.UnitPath, ledgerUrl(i.Event.Alert)))], message.Kind, message.Omitted);
}
