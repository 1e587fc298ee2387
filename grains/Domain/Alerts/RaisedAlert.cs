namespace Cascade.Alerts;

/// <summary>
/// The lasting record of one alert raised (docs/domain.md "Alerts"): which rule fired, how bad,
/// on which unit and task, and when its condition became true. It outlives the alert's
/// resolution (a unit's own book keeps only its latest resolved ones), for the year report's
/// "alerts raised by rule", and is pruned with the history after <c>Cascade:History:Keep</c> days.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.raised-alert")]
public sealed record RaisedAlert(
    [property: Id(0)] string UnitId,
    [property: Id(1)] string AlertId,
    [property: Id(2)] string Rule,
    [property: Id(3)] AlertSeverity Severity,
    [property: Id(4)] string? TaskId,
    [property: Id(5)] DateTimeOffset FiredAt)
{
    public static RaisedAlert Of(Alert alert) => new(alert.UnitId, alert.Id, alert.Rule, alert.Severity, alert.TaskId, alert.FiredAt);
}
