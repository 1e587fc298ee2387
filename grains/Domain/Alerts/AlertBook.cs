namespace Cascade.Alerts;

/// <summary>
/// One unit's alerts as its grain stores them: the open ones (firing or acknowledged), when each
/// condition still in its grace period began, the latest resolved ones (so acknowledging one
/// answers 409, not 404), the counter that makes ids unique within the unit, and copies of the
/// open alerts of units below that have climbed to this one (the alerts that sit here).
/// </summary>
[GenerateSerializer, Alias("cascade.alert-book")]
public sealed class AlertBook
{
    public const int ResolvedKept = 50;

    [Id(0)] public List<Alert> Open { get; set; } = [];
    [Id(1)] public Dictionary<string, DateTimeOffset> Pending { get; set; } = [];
    [Id(2)] public List<Alert> Resolved { get; set; } = [];
    [Id(3)] public long Raised { get; set; }
    /// <summary>Alert id -> the newest state its own unit announced, while it sits here.</summary>
    [Id(4)] public Dictionary<string, Alert> EscalatedHere { get; set; } = [];
}
