namespace Cascade.Alerts;

/// <summary>docs/domain.md "Alerts": firing, then acknowledged (a person saw it), then resolved when the condition cleared.</summary>
[GenerateSerializer]
public enum AlertState
{
    Firing = 0,
    Acknowledged = 1,
    Resolved = 2,
}
