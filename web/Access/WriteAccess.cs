using Microsoft.AspNetCore.Authorization;

namespace Cascade.Web.Access;

/// <summary>
/// What the write routes ask, after their 404 checks and before reading the body's meaning
/// (api.md's status order): may the caller write this unit? The answer comes from
/// <see cref="UnitAccess"/> through ASP.NET Core's authorization service.
/// </summary>
public sealed class WriteAccess(IAuthorizationService authorization)
{
    public async ValueTask<bool> MayWriteTasks(HttpContext context, string unitId) =>
        (await authorization.AuthorizeAsync(context.User, unitId, UnitAccess.WriteTasks)).Succeeded;

    public async ValueTask<bool> MayChangeStructure(HttpContext context, string unitId) =>
        (await authorization.AuthorizeAsync(context.User, unitId, UnitAccess.ChangeStructure)).Succeeded;

    /// <summary>The actor recorded as <c>updatedBy</c>.</summary>
    public string? Actor(HttpContext context) => context.User.Username();
}
