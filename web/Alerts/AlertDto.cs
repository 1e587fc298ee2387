using Cascade.Alerts;
using Cascade.Text;

namespace Cascade.Web.Alerts;

/// <summary>
/// docs/api.md <c>Alert</c>, plus <c>since</c>: when its condition became true, and <c>figures</c>: what
/// its sentence names, from which the screens say it in their reader's language. <c>message</c>
/// is that sentence in Chinese, for scripts (<see cref="AlertText"/>). <c>acknowledgedByName</c> is the
/// acknowledger's display name stored with the acknowledgement (the username for one made before names were kept).
/// <c>silenced</c> and <c>silencedUntil</c>: a silence covers it now (docs/domain.md "Silences"), and until when.
/// </summary>
public sealed record AlertDto(
    string Id, string Rule, AlertSeverity Severity, string UnitId, string? TaskId, AlertState State, string Message,
    DateTimeOffset FiredAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, string? Note, DateTimeOffset? ResolvedAt,
    int EscalationLevel, string? EscalatedToUnitId, DateTimeOffset Since, AlertFigures? Figures, string? AcknowledgedByName,
    bool Silenced = false, DateTimeOffset? SilencedUntil = null)
{
    public static AlertDto From(Alert a) => Marked(a, null);

    /// <summary>The alert, marked silenced until <paramref name="silence"/>'s end when one covers it.</summary>
    public static AlertDto Marked(Alert a, Cascade.Silences.Silence? silence) => new(a.Id, a.Rule, a.Severity, a.UnitId, a.TaskId, a.State, AlertText.Chinese(a),
        a.FiredAt, a.AcknowledgedAt, a.AcknowledgedBy, a.Note, a.ResolvedAt, a.EscalationLevel, a.EscalatedToUnitId, a.Since, a.Figures,
        a.AcknowledgedBy is null ? null : ActorNames.Of(a.AcknowledgedBy, a.AcknowledgedByName),
        silence is not null && a.State != AlertState.Resolved, a.State != AlertState.Resolved ? silence?.End : null);
}
