using Cascade.Audit;

namespace Cascade.Identity;

/// <summary>
/// A wall's read-only credential, bound to a unit and depth (docs/api.md "Identity and access").
/// Only the SHA-256 of its token is stored. <see cref="ProtectedToken"/> is set for the demo's
/// own kiosk alone: the token encrypted with the host's data protection keys, so each start
/// can print the same ready wall URL.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.kiosk")]
public sealed record KioskRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string UnitId,
    [property: Id(3)] int Depth,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset? LastSeenAt,
    [property: Id(6)] string TokenHash,
    [property: Id(7)] string? ProtectedToken);

[GenerateSerializer, Alias("cascade.kiosk-state")]
public sealed class KioskState
{
    [Id(0)] public KioskRecord? Kiosk { get; set; }
    /// <summary>The audit drafts of its latest changes not yet delivered; a revoked kiosk keeps its state until they left.</summary>
    [Id(1)] public List<AuditDraft> Audit { get; set; } = [];
}
