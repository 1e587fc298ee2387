using Cascade.Alerts;
using Cascade.Audit;
using Cascade.Notifications;

namespace Cascade.Units;

/// <summary>
/// A unit's notification outbox (docs/architecture.md "Notifications"): each alert change some
/// route could take becomes a <see cref="NotifyEvent"/> in the unit's state, stored by the same
/// write as the change, then handed to the dispatcher in the background and removed once taken
/// (redelivered at activation; the routes take each event id once). Without routes it does nothing
/// and allocates nothing.
/// </summary>
public sealed class UnitNotices(IPersistentState<UnitState> state, NotifyFilter filter, IGrainFactory grains)
{
    private AuditOutbox<NotifyEvent>? _outbox;

    private AuditOutbox<NotifyEvent> Outbox => _outbox ??= new(() => state.State.Notify ??= [], list => state.State.Notify = list, e => e.Id,
        (events, _) => grains.GetGrain<INotifyDispatchGrain>(INotifyDispatchGrain.Key).Dispatch(events));

    /// <summary>The changes of a rule evaluation at <paramref name="at"/>: a new alert or a rise to red fires; a resolution resolves; a fall to amber says nothing.</summary>
    public void Evaluated(IReadOnlyList<Alert> changes, DateTimeOffset at)
    {
        if (!filter.Enabled) return;
        foreach (var alert in changes)
        {
            NotifyEventKind kind;
            if (alert.State == AlertState.Resolved) kind = NotifyEventKind.Resolved;
            else if (alert.FiredAt == at || alert.Severity == AlertSeverity.Red) kind = NotifyEventKind.Fired;
            else continue;
            Add(kind, alert, at);
        }
    }

    /// <summary>Alerts that climbed.</summary>
    public void Escalated(IReadOnlyList<Alert> changes, DateTimeOffset at)
    {
        if (!filter.Enabled) return;
        foreach (var alert in changes) Add(NotifyEventKind.Escalated, alert, at);
    }

    private void Add(NotifyEventKind kind, Alert alert, DateTimeOffset at)
    {
        if (filter.Wants(kind, alert.Severity)) Outbox.Add(NotifyEvent.Of(kind, alert, at));
    }

    /// <summary>After a write (and at activation): hands what the state holds to the dispatcher.</summary>
    public void Send()
    {
        if (state.State.Notify is { Count: > 0 }) Outbox.Send();
    }
}
