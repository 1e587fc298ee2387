namespace Cascade.Notifications;

/// <summary>
/// One route's outbox (key: the route's name, <c>Cascade:Notify:Routes:{name}</c>): groups,
/// quiet hours, digests and retries with a stable delivery id (docs/architecture.md "Notifications").
/// </summary>
public interface INotifyRouteGrain : IGrainWithStringKey
{
    /// <summary>Stores the events (each event id once within 24 h) before answering.</summary>
    Task Accept(IReadOnlyList<NotifyEvent> events);
    /// <summary>Makes and sends what is due (every node's <c>NotifyClock</c> pokes every route every few seconds).</summary>
    Task Poke();
    /// <summary>How many events wait to become messages (grouping, quiet hours, a digest's time).</summary>
    [Orleans.Concurrency.AlwaysInterleave] Task<int> WaitingEvents();
    /// <summary>The route's messages, newest first: pending, sent or failed (null: all), at most <paramref name="limit"/>.</summary>
    [Orleans.Concurrency.AlwaysInterleave] Task<IReadOnlyList<RouteMessageView>> Outbox(RouteMessageState? state, int limit);
}
