namespace Cascade.Web.Identity;

/// <summary>
/// The body of <c>PUT /api/v1/me/password</c> as the OpenAPI document shows it: a wrong
/// <paramref name="CurrentPassword"/> counts as a failed sign-in; the change ends the caller's other tokens.
/// </summary>
/// <param name="NewPassword">At least 10 characters (<see cref="Passwords.Check"/>).</param>
public sealed record PasswordChange(string CurrentPassword, string NewPassword);
