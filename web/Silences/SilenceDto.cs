using Cascade.Silences;
using Cascade.Text;

namespace Cascade.Web.Silences;

/// <summary>
/// docs/api.md <c>Silence</c>: what was silenced, until when, why and by whom; <c>endedAt</c> once
/// ended early; <c>active</c> while it holds.
/// </summary>
public sealed record SilenceDto(
    string Id, string UnitId, bool Subtree, string? Rule, DateTimeOffset Until, string Reason, bool StopClimb,
    DateTimeOffset CreatedAt, string CreatedBy, string? CreatedByName, DateTimeOffset? EndedAt, string? EndedBy, bool Active)
{
    public static SilenceDto From(Silence s, DateTimeOffset now) => new(s.Id, s.UnitId, s.Subtree, s.Rule, s.Until, s.Reason, s.StopClimb,
        s.CreatedAt, s.CreatedBy, ActorNames.Of(s.CreatedBy, s.CreatedByName), s.EndedAt, s.EndedBy, s.IsActive(now));
}
