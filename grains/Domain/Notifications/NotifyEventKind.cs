namespace Cascade.Notifications;

/// <summary>What happened to an alert, as a route's <c>Events</c> names it (fired, escalated, resolved).</summary>
[GenerateSerializer]
public enum NotifyEventKind
{
    Fired = 0,
    Escalated = 1,
    Resolved = 2,
}
