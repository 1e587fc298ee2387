using Cascade.Identity;

namespace Cascade.Web.Identity;

/// <summary>
/// The body of <c>PATCH /api/v1/users/{username}</c>, a JSON merge patch read by <see cref="UserBody.ReadPatch"/>:
/// disabling a user, or changing their role, unit or password, ends their tokens and sessions.
/// </summary>
public sealed record UserChanges(string? DisplayName, Role? Role, string? UnitId, bool? Disabled, string? Password);
