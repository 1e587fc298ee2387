using Cascade.Directives;
using Cascade.Identity;
using Cascade.Inspections;
using Cascade.Units;
using Cascade.Web.Http;
using Cascade.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cascade.Web.Findings;

/// <summary>
/// Who records and decides findings (docs/api.md "Findings"): admins and leaders; editors of an
/// inspector unit, on units that are neither their own unit nor below it (branches inspect each
/// other, not themselves). The inspected unit never decides its own finding.
/// </summary>
public static class FindingAccess
{
    private static IOrganizationGrain Organization(IGrainFactory grains) => grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key);

    /// <summary>Admins, leaders and editors may record or decide findings at all (viewers and kiosks not).</summary>
    public static bool MayTry(HttpContext context) =>
        context.User.Role() is Role.Admin or Role.Leader || (context.User.Role() == Role.Editor && context.User.UnitId() is not null);

    /// <summary>
    /// The inspector unit that raises a finding on <paramref name="unitId"/> in the inspection, or
    /// the refusal: 400 when <paramref name="asked"/> is not one of its inspector units, 403 when the
    /// caller may not raise it there (never on the inspector's own unit or below it).
    /// </summary>
    public static async Task<(string? Inspector, ProblemHttpResult? Refusal)> Raiser(
        HttpContext context, IGrainFactory grains, InspectionHeader header, string unitId, string? asked)
    {
        var inspectors = header.Request.InspectorUnitIds;
        if (asked is not null && Array.IndexOf(inspectors, asked) < 0)
            return (null, Problems.Invalid(new() { ["inspectorUnitId"] = [$"'{asked}' is not an inspector unit of inspection '{header.Id}'."] }));
        var org = Organization(grains);
        string? inspector;
        if (context.User.Role() is Role.Admin or Role.Leader) inspector = asked ?? inspectors.FirstOrDefault();
        else
        {
            var home = context.User.UnitId()!;
            inspector = null;
            foreach (var candidate in asked is null ? inspectors : [asked])
                if (await org.IsWithin(candidate, home)) { inspector = candidate; break; }
            if (inspector is null) return (null, Problems.Forbidden($"You are not an editor of an inspector unit of inspection '{header.Id}'."));
            if (await org.IsWithin(unitId, home))
                return (null, Problems.Forbidden($"Unit '{unitId}' is your own unit or below it: branches inspect each other, not themselves."));
        }
        if (inspector is not null && await org.IsWithin(unitId, inspector))
            return (null, Problems.Forbidden($"Unit '{unitId}' is the inspector unit '{inspector}' or below it: a finding is raised on another unit."));
        return (inspector, null);
    }

    /// <summary>Confirm, reopen, change or withdraw: admins, leaders, editors of the unit that raised it who are not editors of the inspected unit.</summary>
    public static async Task<bool> MayDecide(HttpContext context, IGrainFactory grains, Finding finding)
    {
        switch (context.User.Role())
        {
            case Role.Admin or Role.Leader: return true;
            case Role.Editor when context.User.UnitId() is { } home && finding.InspectorUnitId is { } inspector:
                var org = Organization(grains);
                return await org.IsWithin(inspector, home) && !await org.IsWithin(finding.UnitId, home);
            default: return false;
        }
    }
}
