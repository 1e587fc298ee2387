namespace Cascade.Notifications;

/// <summary>
/// Hands a unit's notification events to the routes that take them (docs/architecture.md
/// "Notifications"). Answers once every matching route stored them: the unit removes them from
/// its outbox only then, so a failure sends them again and the routes take each event id once.
/// </summary>
public interface INotifyDispatchGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    Task Dispatch(IReadOnlyList<NotifyEvent> events);
}
