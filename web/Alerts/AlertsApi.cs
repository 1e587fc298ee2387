using Cascade.Alerts;
using Cascade.Silences;
using Cascade.Time;
using Cascade.Web.Silences;
using Cascade.Units;
using Cascade.Web.Http;
using Cascade.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cascade.Web.Alerts;

/// <summary>The alert routes (docs/api.md "Alerts"): list a unit's (or its subtree's) alerts, acknowledge one.</summary>
public static class AlertsApi
{
    public static RouteGroupBuilder MapAlertsApi(this RouteGroupBuilder api)
    {
        var alerts = api.MapGroup("/alerts").WithTags("Alerts");
        alerts.MapGet("/", List)
            .TakesQuery("unit", "The unit (the root, or a kiosk's own unit, when left out).")
            .TakesQuery("subtree", "true: the alerts of every unit below it too.")
            .TakesQuery("state", "firing, acknowledged or resolved; may repeat (firing and acknowledged when left out).")
            .TakesQuery("tag", "Only the alerts of tasks that carried this label when they fired.")
            .ProducesValidationProblem().Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        alerts.MapPost("/{alertId}/acknowledge", Acknowledge).ReadsJson<Acknowledgement>()
            .Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        alerts.MapAlertsExport();
        return api;
    }

    private static IOrganizationGrain Organization(IGrainFactory grains) => grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key);

    /// <summary>
    /// <c>?unit=</c> (default: the root) gives the alerts of that unit and the open ones escalated to it;
    /// <c>subtree=true</c> every alert below it too, the open ones from the open-alert index (decision 010);
    /// <c>state</c> may repeat (default firing and acknowledged).
    /// </summary>
    internal static async Task<Results<Ok<IEnumerable<AlertDto>>, ProblemHttpResult>> List(HttpContext context, IGrainFactory grains, KioskScope scope,
        SilenceBook silences, DomainClock clock)
    {
        var query = context.Request.Query;
        var errors = new Dictionary<string, string[]>();
        var states = new HashSet<AlertState>();
        foreach (var value in query["state"])
            if (value is "firing" or "acknowledged" or "resolved" && Enum.TryParse<AlertState>(value, ignoreCase: true, out var state)) states.Add(state);
            else errors["state"] = ["state is firing, acknowledged or resolved."];
        if (states.Count == 0) states = [AlertState.Firing, AlertState.Acknowledged];
        var subtree = false;
        if (query["subtree"].Count > 0 && !bool.TryParse(query["subtree"].ToString(), out subtree)) errors["subtree"] = ["subtree is true or false."];
        if (query["unit"].Count > 1) errors["unit"] = ["unit may be given once."];
        var tag = LedgerFilter.ReadTag(query, errors);
        if (errors.Count > 0) return Problems.Invalid(errors);

        var unit = query["unit"].Count == 1 ? query["unit"].ToString()
            : KioskScope.Of(context.User)?.UnitId ?? await Organization(grains).GetRootId();
        if (unit is null) return TypedResults.Ok(Enumerable.Empty<AlertDto>());
        if (!UnitRules.IsValidId(unit) || await Organization(grains).GetUnit(unit) is null) return Problems.NotFound($"Unit '{unit}' does not exist.");
        if (!await scope.MayRead(context.User, unit)) return KioskScope.Refusal(context.User);
        var resolved = states.Contains(AlertState.Resolved);
        var found = new List<Alert>();
        if (subtree)
            found.AddRange((await new SubtreeAlerts(grains, scope).Read(context.User, unit, resolved, context.RequestAborted)).Where(a => states.Contains(a.State)));
        else
        {
            // Its own, and from the open-alert index those that climbed to it; a kiosk only those of the units it shows.
            var here = (await grains.GetGrain<IUnitGrain>(unit).GetAlertsHere(resolved)).Where(a => states.Contains(a.State)).ToList();
            found.AddRange(await scope.KeepShown(context.User, here, a => a.UnitId));
        }
        if (tag is not null) found.RemoveAll(a => a.Figures?.HasTag(tag) != true);
        var silence = await SilenceMarks.For(found, silences, grains, clock.Now);
        return TypedResults.Ok(found.OrderByDescending(a => a.FiredAt).ThenBy(a => a.Id, StringComparer.Ordinal).Select(a => AlertDto.Marked(a, silence(a))));
    }

    private static async Task<Results<Ok<AlertDto>, ProblemHttpResult>> Acknowledge(string alertId, HttpContext context, IGrainFactory grains, WriteAccess access,
        SilenceBook silences, DomainClock clock)
    {
        var (body, refusal) = await RequestBody.ReadAsync(context);
        if (refusal is not null) return refusal;
        var dot = alertId.LastIndexOf('.');
        var unitId = dot > 0 ? alertId[..dot] : "";
        var unit = grains.GetGrain<IUnitGrain>(UnitRules.IsValidId(unitId) ? unitId : "-");
        var alert = UnitRules.IsValidId(unitId) ? (await unit.GetAlerts(true)).FirstOrDefault(a => a.Id == alertId) : null;
        if (alert is null) return Problems.NotFound($"Alert '{alertId}' does not exist.");
        if (!await access.MayAcknowledge(context, alert.UnitId, alert.EscalatedToUnitId))
            return Problems.Forbidden($"You may not acknowledge alert '{alertId}'.");
        var fields = new BodyFields(body!);
        if (Acknowledgement.Read(fields) is not { } acknowledgement) return Problems.Invalid(fields.Errors);
        var result = await unit.AcknowledgeAlert(alertId, access.Actor(context), acknowledgement.Note, access.ActorName(context));
        if (!result.Succeeded) return Problems.From(result);
        var silence = await SilenceMarks.For([result.Value!], silences, grains, clock.Now);
        return TypedResults.Ok(AlertDto.Marked(result.Value!, silence(result.Value!)));
    }
}
