using Microsoft.AspNetCore.Authorization;

namespace Cascade.Web.Identity;

/// <summary>
/// What the write routes ask, after their 404 checks and before reading the body's meaning
/// (docs/api.md's status order): may the caller write this unit? The answer comes from
/// <see cref="UnitAccess"/> through ASP.NET Core's authorization service.
/// </summary>
public sealed class WriteAccess(IAuthorizationService authorization, DeniedLog denied)
{
    public ValueTask<bool> MayWriteTasks(HttpContext context, string unitId) => Check(context, unitId, UnitAccess.WriteTasks);

    public ValueTask<bool> MayChangeStructure(HttpContext context, string unitId) => Check(context, unitId, UnitAccess.ChangeStructure);

    /// <summary>Editors of the alert's unit or of the unit it escalated to (or above either), leaders, admins.</summary>
    public async ValueTask<bool> MayAcknowledge(HttpContext context, string unitId, string? escalatedTo)
    {
        foreach (var unit in new[] { unitId, escalatedTo }.OfType<string>())
            if ((await authorization.AuthorizeAsync(context.User, unit, UnitAccess.AcknowledgeAlerts)).Succeeded) return true;
        denied.Denied(context, UnitAccess.AcknowledgeAlerts.Name, unitId);
        return false;
    }

    private async ValueTask<bool> Check(HttpContext context, string unitId, UnitAccess.Requirement requirement)
    {
        if ((await authorization.AuthorizeAsync(context.User, unitId, requirement)).Succeeded) return true;
        denied.Denied(context, requirement.Name, unitId);
        return false;
    }

    /// <summary>The actor recorded as <c>updatedBy</c> and in the audit trail: only people write.</summary>
    public string Actor(HttpContext context) =>
        context.User.Username() ?? throw new InvalidOperationException("A write passed authorization without a signed-in user.");

    /// <summary>The actor's display name, stored with the change (<c>updatedByName</c>, <c>acknowledgedByName</c>).</summary>
    public string? ActorName(HttpContext context) => context.User.Name();
}
