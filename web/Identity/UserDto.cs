using Cascade.Identity;

namespace Cascade.Web.Identity;

/// <summary>docs/api.md's <c>User</c>: never the password hash.</summary>
public sealed record UserDto(string Username, string DisplayName, Role Role, string? UnitId, bool Disabled, DateTimeOffset CreatedAt)
{
    public static UserDto From(UserRecord user) => new(user.Username, user.DisplayName, user.Role, user.UnitId, user.Disabled, user.CreatedAt);
}
