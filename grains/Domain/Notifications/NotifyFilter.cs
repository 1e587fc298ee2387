using Cascade.Alerts;

namespace Cascade.Notifications;

/// <summary>
/// What a unit asks before it records an alert's change as a notification event: whether any
/// route could take it (its kind in some route's events, its severity at least the lowest
/// <c>MinSeverity</c>). Built once from the options; with no route it says no to everything and
/// the unit does nothing more.
/// </summary>
public sealed class NotifyFilter
{
    private readonly bool[] _kinds = new bool[3];
    private readonly AlertSeverity _lowest = AlertSeverity.Red;

    public NotifyFilter(NotifyOptions options)
    {
        Enabled = options.Enabled;
        foreach (var route in options.Routes.Values)
        {
            if (route.MinSeverity < _lowest) _lowest = route.MinSeverity;
            foreach (NotifyEventKind kind in Enum.GetValues<NotifyEventKind>())
                if (route.Takes(kind)) _kinds[(int)kind] = true;
        }
    }

    /// <summary>True when some route is configured.</summary>
    public bool Enabled { get; }

    public bool Wants(NotifyEventKind kind, AlertSeverity severity) =>
        Enabled && (uint)kind < (uint)_kinds.Length && _kinds[(int)kind] && severity >= _lowest;

    /// <summary>Whether one route takes an event (its severity, its kind; the subtree is the dispatcher's question).</summary>
    public static bool Takes(RouteOptions route, NotifyEvent e) => e.Alert.Severity >= route.MinSeverity && route.Takes(e.Kind);
}
