namespace Cascade.Alerts;

/// <summary>
/// What one partition of the open-alert index stores (docs/domain.md "Alerts", the ledger): the open
/// alerts of the units that hash to it, as their units last announced them, and per unit the
/// version of that announcement, so a message that arrives late changes nothing.
/// </summary>
[GenerateSerializer, Alias("cascade.alert-index-state")]
public sealed class AlertIndexState
{
    /// <summary>Alert id -> the alert as its unit holds it (firing or acknowledged).</summary>
    [Id(0)] public Dictionary<string, Alert> Open { get; set; } = [];
    /// <summary>Unit id -> the version of the newest announcement applied, for the units with open alerts here.</summary>
    [Id(1)] public Dictionary<string, long> Versions { get; set; } = [];
}
