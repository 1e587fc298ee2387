using System.Security.Claims;
using Cascade.Identity;
using Cascade.Silences;
using Cascade.Time;
using Cascade.Units;
using Cascade.Web.Http;
using Cascade.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cascade.Web.Silences;

/// <summary>
/// The silence routes (docs/api.md "Silences"): place one, list them, end one. Who may is
/// <see cref="SilenceRules"/>; the registry is <see cref="ISilenceGrain"/>, and this node's
/// <see cref="SilenceBook"/> reads it again at once after a change.
/// </summary>
public static class SilencesApi
{
    public static RouteGroupBuilder MapSilencesApi(this RouteGroupBuilder api)
    {
        var silences = api.MapGroup("/silences").WithTags("Silences");
        silences.MapPost("/", Create).ReadsJson<SilenceRequest>()
            .Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        silences.MapGet("/", List)
            .TakesQuery("unit", "Only the silences placed on this unit, or (with subtree=true) on it and every unit below it.")
            .TakesQuery("subtree", "true: the silences of every unit below the unit too.")
            .TakesQuery("ended", "true: also those that ended or ran out (kept 400 days).")
            .ProducesValidationProblem().Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        silences.MapGet("/{id}", Get).Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        silences.MapDelete("/{id}", End).Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        return api;
    }

    private static IOrganizationGrain Organization(IGrainFactory grains) => grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key);
    private static ISilenceGrain Registry(IGrainFactory grains) => grains.GetGrain<ISilenceGrain>(ISilenceGrain.Key);

    /// <summary>The person asking, or null for a kiosk or anyone without a role that may silence.</summary>
    private static SilenceAsker? Asker(ClaimsPrincipal user) =>
        KioskScope.IsKiosk(user) || user.Role() is not (Role.Admin or Role.Leader or Role.Editor) || user.Username() is not { } name
            ? null : new SilenceAsker(user.Role()!.Value, user.UnitId(), name, user.Name());

    /// <summary>Whether the editor's unit holds <paramref name="unitId"/> (itself or above it), and whether it lies strictly above it.</summary>
    private static async Task<(bool Contains, bool Above)> Reach(IGrainFactory grains, SilenceAsker asker, string unitId)
    {
        if (asker.HomeUnitId is not { } home) return (false, false);
        var contains = await Organization(grains).IsWithin(unitId, home);
        return (contains, contains && home != unitId);
    }

    private static async Task<Results<Created<SilenceDto>, Ok<SilenceDto>, ProblemHttpResult>> Create(
        HttpContext context, IGrainFactory grains, SilenceBook book, DomainClock clock, DeniedLog denied)
    {
        var (body, refusal) = await RequestBody.ReadAsync(context);
        if (refusal is not null) return refusal;
        if (Asker(context.User) is not { } asker)
        {
            denied.Denied(context, "Silence", "-");
            return Problems.Forbidden("Only admins, leaders and editors may silence alerts.");
        }
        var now = clock.Now;
        var fields = new BodyFields(body!);
        if (SilenceBody.Read(fields, now) is not { } request) return Problems.Invalid(fields.Errors);
        var (contains, above) = await Reach(grains, asker, request.UnitId);
        // An editor outside the unit is refused before its existence is looked at, as on the task routes.
        if (asker.Role == Role.Editor && !contains)
            return Forbid(context, denied, request.UnitId, SilenceRules.Refusal(asker, request, now, contains, above)!);
        if (await Organization(grains).GetUnit(request.UnitId) is null) return Problems.NotFound($"Unit '{request.UnitId}' does not exist.");
        if (SilenceRules.Refusal(asker, request, now, contains, above) is { } why) return Forbid(context, denied, request.UnitId, why);
        var silence = new Silence(request.Id ?? SilenceRules.NewId(), request.UnitId, request.Subtree, request.Rule, request.Until,
            request.Reason, request.StopClimb, now, asker.Username, asker.DisplayName);
        var result = await Registry(grains).Create(silence);
        if (!result.Succeeded) return Problems.From(result);
        await book.Refresh();
        var dto = SilenceDto.From(result.Value!, now);
        return result.Outcome == Outcomes.Outcome.Created ? TypedResults.Created($"/api/v1/silences/{dto.Id}", dto) : TypedResults.Ok(dto);
    }

    private static ProblemHttpResult Forbid(HttpContext context, DeniedLog denied, string unitId, string why)
    {
        denied.Denied(context, "Silence", unitId);
        return Problems.Forbidden(why);
    }

    /// <summary>Active silences (all kept ones with <c>ended=true</c>), newest first; of one unit or its subtree when asked.</summary>
    private static async Task<Results<Ok<IEnumerable<SilenceDto>>, ProblemHttpResult>> List(HttpContext context, IGrainFactory grains, SilenceBook book, DomainClock clock)
    {
        if (KioskScope.IsKiosk(context.User)) return Problems.Forbidden("Kiosks do not read silences.");
        var query = context.Request.Query;
        var errors = new Dictionary<string, string[]>();
        if (query["unit"].Count > 1) errors["unit"] = ["unit may be given once."];
        var subtree = false;
        if (query["subtree"].Count > 1 || query["subtree"].Count == 1 && !bool.TryParse(query["subtree"].ToString(), out subtree)) errors["subtree"] = ["subtree is true or false, given once."];
        var ended = false;
        if (query["ended"].Count > 1 || query["ended"].Count == 1 && !bool.TryParse(query["ended"].ToString(), out ended)) errors["ended"] = ["ended is true or false, given once."];
        if (errors.Count > 0) return Problems.Invalid(errors);
        var unit = query["unit"].Count == 1 ? query["unit"].ToString() : null;
        if (unit is not null && (!UnitRules.IsValidId(unit) || await Organization(grains).GetUnit(unit) is null))
            return Problems.NotFound($"Unit '{unit}' does not exist.");

        await book.Refresh(); // cheap when nothing changed: the registry answers null
        var now = clock.Now;
        var found = book.All.Where(s => ended || s.IsActive(now)).ToList();
        if (unit is not null)
        {
            var inside = subtree
                ? (await Organization(grains).Within(unit, [.. found.Select(s => s.UnitId).Distinct()])).ToHashSet(StringComparer.Ordinal)
                : [unit];
            found.RemoveAll(s => !inside.Contains(s.UnitId));
        }
        return TypedResults.Ok(found.Select(s => SilenceDto.From(s, now)));
    }

    private static async Task<Results<Ok<SilenceDto>, ProblemHttpResult>> Get(string id, HttpContext context, IGrainFactory grains, DomainClock clock)
    {
        if (!SilenceRules.IsValidId(id) || await Registry(grains).Get(id) is not { } silence) return Problems.NotFound($"Silence '{id}' does not exist.");
        if (KioskScope.IsKiosk(context.User)) return Problems.Forbidden("Kiosks do not read silences.");
        return TypedResults.Ok(SilenceDto.From(silence, clock.Now));
    }

    /// <summary>Ends the silence now; it is kept, ended, so escalation still counts afresh from its end. Ending an ended one changes nothing.</summary>
    private static async Task<Results<Ok<SilenceDto>, ProblemHttpResult>> End(string id, HttpContext context, IGrainFactory grains, SilenceBook book, DomainClock clock, DeniedLog denied)
    {
        if (!SilenceRules.IsValidId(id) || await Registry(grains).Get(id) is not { } silence) return Problems.NotFound($"Silence '{id}' does not exist.");
        if (Asker(context.User) is not { } asker) return Forbid(context, denied, silence.UnitId, "Only admins, leaders and editors may end silences.");
        var (contains, above) = await Reach(grains, asker, silence.UnitId);
        if (!SilenceRules.MayEnd(asker, silence, contains, above))
            return Forbid(context, denied, silence.UnitId, silence.StopClimb
                ? "Ending a silence that stops the climb needs an editor of a unit above its unit, a leader or an admin."
                : $"Editors may end only the silences of their own unit and the units below it; '{silence.UnitId}' is not.");
        var result = await Registry(grains).End(id, asker.Username, clock.Now);
        if (!result.Succeeded) return Problems.From(result);
        await book.Refresh();
        return TypedResults.Ok(SilenceDto.From(result.Value!, clock.Now));
    }
}
