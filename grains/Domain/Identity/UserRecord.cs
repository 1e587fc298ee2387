using Cascade.Audit;

namespace Cascade.Identity;

/// <summary>
/// A user as stored. <see cref="Stamp"/> changes whenever what the user may do changes
/// (role, unit, disabled, password): a token or cookie issued under an older stamp no longer
/// signs anyone in.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.user")]
public sealed record UserRecord(
    [property: Id(0)] string Username,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] Role Role,
    [property: Id(3)] string? UnitId,
    [property: Id(4)] bool Disabled,
    [property: Id(5)] string PasswordHash,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] long Stamp);

/// <summary>
/// What one user grain stores: the user, the audit drafts of its latest changes not yet
/// delivered, its sign-in lockouts and usual addresses, and the sessions signed out before
/// their credential would have run out.
/// </summary>
[GenerateSerializer, Alias("cascade.user-state")]
public sealed class UserState
{
    [Id(0)] public UserRecord? User { get; set; }
    [Id(1)] public List<AuditDraft> Audit { get; set; } = [];
    [Id(2)] public SignInThrottleState SignIns { get; set; } = new();
    /// <summary>Session id to the time its credential could last no longer: refused until then.</summary>
    [Id(3)] public Dictionary<string, DateTimeOffset> EndedSessions { get; set; } = [];
}
