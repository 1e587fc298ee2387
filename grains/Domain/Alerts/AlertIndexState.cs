namespace Cascade.Alerts;

/// <summary>
/// What one partition of the open-alert index holds in memory (docs/domain.md "Alerts", the ledger):
/// the open alerts of the units that hash to it, as their units last announced them, and per unit
/// the version of that announcement, so a message that arrives late changes nothing. Stored as a
/// row per unit (<see cref="AlertIndexRow"/>); partitions written before rows stored this whole,
/// and that stored form is read once and moved to rows (decision 010).
/// </summary>
[GenerateSerializer, Alias("cascade.alert-index-state")]
public sealed class AlertIndexState
{
    /// <summary>Alert id -> the alert as its unit holds it (firing or acknowledged).</summary>
    [Id(0)] public Dictionary<string, Alert> Open { get; set; } = [];
    /// <summary>Unit id -> the version of the newest announcement applied, for the units with open alerts here.</summary>
    [Id(1)] public Dictionary<string, long> Versions { get; set; } = [];
}
