namespace Cascade.Notifications;

/// <summary>
/// A route's durable state (its grain, keyed by the route's name): the event ids it took in the
/// last 24 h (a redelivered event is taken once), the groups waiting to become messages, the
/// messages not yet delivered and a bounded history of those sent or failed for good.
/// </summary>
[GenerateSerializer, Alias("cascade.notify-route-state")]
public sealed class NotifyRouteState
{
    [Id(0)] public Dictionary<string, DateTimeOffset> Seen { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public List<NotifyGroup> Waiting { get; set; } = [];
    [Id(2)] public List<RouteMessage> Pending { get; set; } = [];
    [Id(3)] public List<RouteMessage> History { get; set; } = [];
}

/// <summary>
/// Events of one unit (of the whole route for a digest) waiting for their message: at most
/// <see cref="RouteDesk.MaxItems"/> in full, the rest counted. <see cref="Held"/>: taken in quiet
/// hours, it waits for their end.
/// </summary>
[GenerateSerializer, Alias("cascade.notify-group")]
public sealed class NotifyGroup
{
    /// <summary>The unit; empty for a digest (every unit of the route).</summary>
    [Id(0)] public string UnitId { get; set; } = "";
    [Id(1)] public bool Held { get; set; }
    [Id(2)] public DateTimeOffset First { get; set; }
    [Id(3)] public DateTimeOffset ReadyAt { get; set; }
    [Id(4)] public List<NotifyEvent> Events { get; set; } = [];
    /// <summary>Events beyond the ones kept in full: counted only.</summary>
    [Id(5)] public int Omitted { get; set; }
    [Id(6)] public int OmittedRed { get; set; }
}

[GenerateSerializer]
public enum RouteMessageState
{
    Pending = 0,
    Sent = 1,
    Failed = 2,
}

/// <summary>An event as the message holds it: with the path of its unit's names, root first, as it was when the message was made.</summary>
[GenerateSerializer, Immutable, Alias("cascade.notify-route-item")]
public sealed record RouteItem([property: Id(0)] NotifyEvent Event, [property: Id(1)] string[] UnitPath);

/// <summary>
/// One message of a route: its delivery id fixed (and stored) before its first attempt, and every
/// attempt's outcome. The receiver's answer is cut to 1,000 characters and carries no secret
/// (the channels say only what the receiver answered).
/// </summary>
[GenerateSerializer, Alias("cascade.notify-route-message")]
public sealed class RouteMessage
{
    [Id(0)] public string DeliveryId { get; set; } = "";
    [Id(1)] public string Route { get; set; } = "";
    [Id(2)] public NotifyMessageKind Kind { get; set; }
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    [Id(4)] public List<string> UnitIds { get; set; } = [];
    [Id(5)] public List<RouteItem> Items { get; set; } = [];
    [Id(6)] public int Omitted { get; set; }
    [Id(7)] public RouteMessageState State { get; set; }
    [Id(8)] public int Attempts { get; set; }
    [Id(9)] public DateTimeOffset? FirstAttempt { get; set; }
    [Id(10)] public DateTimeOffset? LastAttempt { get; set; }
    [Id(11)] public DateTimeOffset? NextAttempt { get; set; }
    [Id(12)] public int? LastStatus { get; set; }
    [Id(13)] public string? LastAnswer { get; set; }

    public RouteMessageView View() => new(DeliveryId, Route, Kind, State, CreatedAt, [.. UnitIds], Items.Count + Omitted,
        Attempts, FirstAttempt, LastAttempt, NextAttempt, LastStatus, LastAnswer);
}

/// <summary>A message as the outbox lists it (docs/api.md "Notifications"): no items, their count.</summary>
[GenerateSerializer, Immutable, Alias("cascade.notify-route-message-view")]
public sealed record RouteMessageView(
    [property: Id(0)] string DeliveryId,
    [property: Id(1)] string Route,
    [property: Id(2)] NotifyMessageKind Kind,
    [property: Id(3)] RouteMessageState State,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] string[] UnitIds,
    [property: Id(6)] int ItemCount,
    [property: Id(7)] int Attempts,
    [property: Id(8)] DateTimeOffset? FirstAttempt,
    [property: Id(9)] DateTimeOffset? LastAttempt,
    [property: Id(10)] DateTimeOffset? NextAttempt,
    [property: Id(11)] int? LastStatus,
    [property: Id(12)] string? LastAnswer);
