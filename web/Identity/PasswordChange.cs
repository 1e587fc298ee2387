using Cascade.Web.Http;

namespace Cascade.Web.Identity;

/// <summary>
/// The body of <c>PUT /api/v1/me/password</c>: a wrong <paramref name="CurrentPassword"/> counts
/// as a failed sign-in; the change ends the caller's other tokens.
/// </summary>
/// <param name="NewPassword">At least 10 characters (<see cref="Passwords.Check"/>).</param>
public sealed record PasswordChange(string CurrentPassword, string NewPassword)
{
    /// <summary>The change, or null with every problem recorded in <paramref name="fields"/>.</summary>
    public static PasswordChange? Read(BodyFields fields)
    {
        var current = fields.String("currentPassword", required: true);
        var next = fields.String("newPassword", required: true);
        if (next is not null) fields.Check("newPassword", Passwords.Check(next));
        return fields.HasErrors ? null : new(current!, next!);
    }
}
