using Cascade.Alerts;

namespace Cascade.Telemetry;

/// <summary>
/// What one unit's activation adds to cascade.alerts.open, by severity: every unit is active
/// while it has a clock, so the shares of a cluster's processes add up to the whole; an
/// activation that ends takes its share back.
/// </summary>
public sealed class OpenAlertShare
{
    private int _amber, _red;

    /// <summary>Brings the share in line with <paramref name="open"/> (null or empty: nothing).</summary>
    public void Set(IReadOnlyList<Alert>? open)
    {
        int amber = 0, red = 0;
        if (open is not null)
            foreach (var alert in open)
                if (alert.Severity == AlertSeverity.Red) red++;
                else amber++;
        CascadeTelemetry.AlertsOpened(amber - _amber, red - _red);
        (_amber, _red) = (amber, red);
    }
}
