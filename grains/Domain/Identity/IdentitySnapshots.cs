using Cascade.Audit;

namespace Cascade.Identity;

/// <summary>
/// What the audit trail records of users, kiosks and sign-ins: canonical JSON of what the API shows of it
/// (camelCase, enums as camelCase strings, dates <c>YYYY-MM-DD</c>, times UTC with a Z), never
/// a secret. Kept beside the record it describes, so the trail knows no record type.
/// </summary>
public static class IdentitySnapshots
{
    /// <summary>No password hash and no stamp.</summary>
    public static string User(UserRecord u) => new CanonicalObject()
        .Add("username", u.Username).Add("displayName", u.DisplayName).Add("role", u.Role).Add("unitId", u.UnitId).Add("disabled", u.Disabled)
        .ToString();

    /// <summary>No token, no token hash.</summary>
    public static string Kiosk(KioskRecord k) => new CanonicalObject()
        .Add("id", k.Id).Add("name", k.Name).Add("unitId", k.UnitId).Add("depth", k.Depth).Add("createdAt", k.CreatedAt)
        .ToString();

    public static string SignIn(string address) => new CanonicalObject().Add("address", address).ToString();

    /// <summary><paramref name="reason"/>: <c>refused</c> (unknown user, wrong password, disabled) or <c>locked</c>.</summary>
    public static string SignInFailed(string address, string reason) => new CanonicalObject().Add("address", address).Add("reason", reason).ToString();

    /// <summary>Failed sign-ins of names no account has, from one address within one minute.</summary>
    public static string UnknownSignIns(string address, DateTimeOffset minute, int count) =>
        new CanonicalObject().Add("address", address).Add("reason", "unknownUser").Add("minute", minute).Add("count", count).ToString();

    public static string SignOut(string address) => new CanonicalObject().Add("address", address).ToString();
}
