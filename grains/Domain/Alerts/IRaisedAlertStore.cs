namespace Cascade.Alerts;

/// <summary>
/// Where the records of raised alerts are kept (<see cref="RaisedAlert"/>), beside the open-alert
/// index's rows: the index's partitions add the alerts they hear of for the first time when they flush.
/// </summary>
public interface IRaisedAlertStore
{
    /// <summary>Adds records; one already stored (the same unit and alert id) is left as it is, so a retry is harmless.</summary>
    Task Record(IReadOnlyList<RaisedAlert> raised);

    /// <summary>Every record whose alert fired at or after <paramref name="from"/> and before <paramref name="to"/>.</summary>
    Task<IReadOnlyList<RaisedAlert>> FiredBetween(DateTimeOffset from, DateTimeOffset to);

    /// <summary>Removes the records of alerts fired before <paramref name="before"/>; answers how many went.</summary>
    Task<int> Prune(DateTimeOffset before);
}
