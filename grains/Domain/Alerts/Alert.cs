namespace Cascade.Alerts;

/// <summary>
/// docs/api.md <c>Alert</c>, plus <see cref="Since"/>: when its condition became true (docs/domain.md "Alerts").
/// It carries the <see cref="Figures"/> its sentence names, not the sentence (docs/domain.md "Alerts"):
/// <see cref="Message"/> is only in alerts stored before figures existed, and is then what they say.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.alert")]
public sealed record Alert(
    [property: Id(0)] string Id,
    [property: Id(1)] string Rule,
    [property: Id(2)] AlertSeverity Severity,
    [property: Id(3)] string UnitId,
    [property: Id(4)] string? TaskId,
    [property: Id(5)] AlertState State,
    [property: Id(6)] string? Message,
    [property: Id(7)] DateTimeOffset FiredAt,
    [property: Id(8)] DateTimeOffset Since,
    [property: Id(9)] DateTimeOffset? AcknowledgedAt = null,
    [property: Id(10)] string? AcknowledgedBy = null,
    [property: Id(11)] string? Note = null,
    [property: Id(12)] DateTimeOffset? ResolvedAt = null,
    [property: Id(13)] int EscalationLevel = 0,
    [property: Id(14)] string? EscalatedToUnitId = null,
    [property: Id(15)] AlertFigures? Figures = null,
    /// <summary>The display name of <see cref="AcknowledgedBy"/> when it acknowledged (null in alerts acknowledged before names were kept).</summary>
    [property: Id(16)] string? AcknowledgedByName = null)
{
    /// <summary>One alert per (rule, unit, task) while its condition holds.</summary>
    public string Key => AlertCondition.KeyOf(Rule, TaskId);
}
