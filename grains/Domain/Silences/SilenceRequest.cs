using Cascade.Identity;

namespace Cascade.Silences;

/// <summary>What a person asks for with <c>POST /api/v1/silences</c>, read and checked field by field by the API.</summary>
public sealed record SilenceRequest(string? Id, string UnitId, bool Subtree, string? Rule, DateTimeOffset Until, string Reason, bool StopClimb);

/// <summary>Who asks: a role, and for an editor the unit they are bound to.</summary>
public sealed record SilenceAsker(Role Role, string? HomeUnitId, string Username, string? DisplayName);
