using System.Security.Claims;
using Cascade.Identity;

namespace Cascade.Web.Identity;

/// <summary>What a signed-in principal carries: who, in which role, bound to which unit, under which stamp, in which session.</summary>
public static class CascadeClaims
{
    public const string Unit = "cascade:unit";
    public const string Stamp = "cascade:stamp";
    /// <summary>One sign-in's id: signing out ends that session on the server, and only that one.</summary>
    public const string Session = "cascade:session";
    /// <summary>The user's display name, stored with what they write (<c>updatedByName</c>, <c>acknowledgedByName</c>).</summary>
    public const string DisplayName = "cascade:name";

    /// <summary>A new session id: 128 random bits.</summary>
    public static string NewSession() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public static ClaimsPrincipal For(UserRecord user, string scheme, string? session)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.Username),
            new(DisplayName, user.DisplayName),
            new(ClaimTypes.Role, RoleName(user.Role)),
            new(Stamp, user.Stamp.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (user.UnitId is { } unit) claims.Add(new Claim(Unit, unit));
        if (session is not null) claims.Add(new Claim(Session, session));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The role as docs/api.md writes it: admin, leader, editor, viewer.</summary>
    public static string RoleName(Role role) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(role.ToString());

    public static string? Username(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.Identity.Name : null;

    public static Role? Role(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindFirstValue(ClaimTypes.Role) is { } name
            && System.Enum.TryParse<Role>(name, ignoreCase: true, out var role) ? role : null;

    /// <summary>The signed-in user's display name (the principal is rebuilt from the stored user on every request, so it is current).</summary>
    public static string? Name(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(DisplayName) : null;

    public static string? UnitId(this ClaimsPrincipal user) => user.FindFirstValue(Unit);

    public static string? SessionId(this ClaimsPrincipal user) => user.FindFirstValue(Session);
}
