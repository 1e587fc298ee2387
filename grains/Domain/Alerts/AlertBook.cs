namespace Cascade.Alerts;

/// <summary>
/// One unit's alerts as its grain stores them: the open ones (firing or acknowledged), when each
/// condition still in its grace period began, the latest resolved ones (so acknowledging one
/// answers 409, not 404), and the counter that makes ids unique within the unit. The open alerts of
/// units below that have climbed to this one live in the open-alert index (decision 010), not here.
/// </summary>
[GenerateSerializer, Alias("cascade.alert-book")]
public sealed class AlertBook
{
    public const int ResolvedKept = 50;

    [Id(0)] public List<Alert> Open { get; set; } = [];
    [Id(1)] public Dictionary<string, DateTimeOffset> Pending { get; set; } = [];
    [Id(2)] public List<Alert> Resolved { get; set; } = [];
    [Id(3)] public long Raised { get; set; }
    /// <summary>
    /// Copies of alerts that climbed here, in states written before the open-alert index: still read,
    /// handed to the index at activation and then emptied. Never written to again.
    /// </summary>
    [Id(4)] public Dictionary<string, Alert> EscalatedHere { get; set; } = [];
}
