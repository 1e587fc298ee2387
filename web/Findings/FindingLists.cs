using Cascade.Directives;
using Cascade.Units;
using Cascade.Web.Directives;
using Cascade.Web.Http;
using Cascade.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cascade.Web.Findings;

/// <summary><c>GET /api/v1/findings</c>: filtered from the directive index's finding rows, then each read from its owner.</summary>
public static class FindingLists
{
    public static async Task<Results<Ok<List<FindingDto>>, ProblemHttpResult>> List(
        HttpContext context, IGrainFactory grains, KioskScope scope,
        string? unit = null, bool subtree = false, string[]? state = null, string? inspector = null, string? inspection = null)
    {
        var states = new HashSet<FindingState>();
        foreach (var name in state ?? [])
        {
            if (!FindingRules.TryParse(name, out var s))
                return Problems.Invalid(new() { ["state"] = ["state must be open, awaitingConfirmation or closed."] });
            states.Add(s);
        }
        HashSet<string>? units = null;
        if (unit is not null)
        {
            if (!UnitRules.IsValidId(unit) || await Owners.Organization(grains).GetUnit(unit) is null) return Problems.NotFound($"Unit '{unit}' does not exist.");
            if (!await scope.MayRead(context.User, unit)) return KioskScope.Refusal(context.User);
            units = [.. await Owners.Issuers(grains, unit, subtree)];
        }
        else if (KioskScope.IsKiosk(context.User)) return KioskScope.Refusal(context.User);
        var rows = (await grains.GetGrain<IDirectiveIndexGrain>(IDirectiveIndexGrain.Key).Findings())
            .Where(r => (units is null || units.Contains(r.UnitId)) && (inspector is null || r.InspectorUnitId == inspector)
                && (inspection is null || r.InspectionId == inspection))
            .ToList();
        var views = await Task.WhenAll(rows.Select(r => FindingsApi.Owner(grains, r.Id).Finding()));
        var list = new List<FindingDto>();
        foreach (var view in views.OfType<FindingView>())
        {
            // The owner's state is the fresh one (it follows its task on every read).
            if (states.Count > 0 && !states.Contains(view.Finding.State)) continue;
            if (KioskScope.IsKiosk(context.User) && !await scope.MayRead(context.User, view.Finding.UnitId)) continue;
            list.Add(FindingDto.From(view));
        }
        return TypedResults.Ok(list);
    }
}
