namespace Cascade.Alerts;

/// <summary>How bad an alert is (docs/domain.md "Alerts"): amber or red, as the wall colours them.</summary>
[GenerateSerializer]
public enum AlertSeverity
{
    Amber = 0,
    Red = 1,
}
