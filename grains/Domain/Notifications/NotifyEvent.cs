using Cascade.Alerts;

namespace Cascade.Notifications;

/// <summary>
/// One change of an alert that may be worth a message: written into the unit's state with the
/// change itself (its outbox), then moved to the notification outbox store. <see cref="Id"/> is
/// unique per change (<c>{alertId}:{kind}:{escalationLevel}:{severity}</c>: an amber alert turning red is a new event), so a redelivered event is taken once.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.notify-event")]
public sealed record NotifyEvent(
    [property: Id(0)] string Id,
    [property: Id(1)] NotifyEventKind Kind,
    [property: Id(2)] DateTimeOffset At,
    /// <summary>The alert as it stood after the change.</summary>
    [property: Id(3)] Alert Alert)
{
    public static NotifyEvent Of(NotifyEventKind kind, Alert alert, DateTimeOffset at) =>
        new($"{alert.Id}:{kind.ToString().ToLowerInvariant()}:{alert.EscalationLevel}:{alert.Severity.ToString().ToLowerInvariant()}", kind, at, alert);
}
