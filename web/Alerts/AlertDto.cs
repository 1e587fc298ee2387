using Cascade.Alerts;

namespace Cascade.Web.Alerts;

/// <summary>api.md <c>Alert</c>, plus <c>since</c>: when its condition became true.</summary>
public sealed record AlertDto(
    string Id, string Rule, AlertSeverity Severity, string UnitId, string? TaskId, AlertState State, string Message,
    DateTimeOffset FiredAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, string? Note, DateTimeOffset? ResolvedAt,
    int EscalationLevel, string? EscalatedToUnitId, DateTimeOffset Since)
{
    public static AlertDto From(Alert a) => new(a.Id, a.Rule, a.Severity, a.UnitId, a.TaskId, a.State, a.Message,
        a.FiredAt, a.AcknowledgedAt, a.AcknowledgedBy, a.Note, a.ResolvedAt, a.EscalationLevel, a.EscalatedToUnitId, a.Since);
}
