using Cascade.Identity;

namespace Cascade.Web.Identity;

/// <summary>The body of <c>POST /api/v1/users</c> as the OpenAPI document shows it, read field by field by <see cref="UserBody.ReadDraft"/>.</summary>
/// <param name="Username">2 to 32 characters: a-z, 0-9, '.', '_' or '-', starting with a letter or digit (compared in lower case).</param>
/// <param name="Password">At least 10 characters.</param>
/// <param name="DisplayName">1 to 64 characters.</param>
/// <param name="UnitId">The unit an editor is bound to; required for editors.</param>
public sealed record NewUser(string Username, string Password, string DisplayName, Role Role, string? UnitId);
