using System.Globalization;
using Cascade.History;
using Cascade.Outcomes;
using Cascade.Rollup;
using Cascade.Time;
using Cascade.Units;
using Cascade.Web.History;
using Cascade.Web.Http;
using Cascade.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cascade.Web.Units;

/// <summary>The unit routes (docs/api.md "Units" and "Summary"): the tree's shape is for admins, reading for everyone signed in.</summary>
public static class UnitsApi
{
    public const int MaxTreeDepth = 10;

    public static RouteGroupBuilder MapUnitsApi(this RouteGroupBuilder api)
    {
        var units = api.MapGroup("/units").WithTags("Units");
        units.MapGet("/", List).Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        units.MapPost("/", Create).ReadsJson<NewUnit>()
            .Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        units.MapGet("/{id}", Get).Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        units.MapPatch("/{id}", Update).ReadsJson<UnitChanges>(mergePatch: true)
            .Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        units.MapDelete("/{id}", Delete).Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        units.MapGet("/{id}/summary", GetSummary).Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        units.MapGet("/{id}/tree", GetTree).TakesQuery("depth", $"Levels below the unit, 0 to {MaxTreeDepth}; 1 when left out.")
            .TakesQuery("asOf", "A past day, YYYY-MM-DD (not after today): the tree of that day from the stored history (`HistoryNode`); 404 when the unit has no point that day.")
            .ProducesValidationProblem().Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        return api;
    }

    private static IOrganizationGrain Organization(IGrainFactory grains) => grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key);

    private static ProblemHttpResult UnknownUnit(string id) => Problems.NotFound($"Unit '{id}' does not exist.");

    private static async Task<Results<Ok<IReadOnlyList<UnitInfo>>, ProblemHttpResult>> List(string? parent, HttpContext context, IGrainFactory grains, KioskScope scope)
    {
        if (parent is not null && !UnitRules.IsValidId(parent)) return UnknownUnit(parent);
        var list = await Organization(grains).ListUnits(parent);
        if (list is null) return UnknownUnit(parent!);
        if (parent is null) return TypedResults.Ok(KioskScope.Filter(context.User, list));
        return await scope.MayRead(context.User, parent, below: 1) ? TypedResults.Ok(list) : KioskScope.Refusal(context.User);
    }

    private static async Task<Results<Created<UnitInfo>, Ok<UnitInfo>, ProblemHttpResult>> Create(HttpContext context, IGrainFactory grains, WriteAccess access)
    {
        var (body, refusal) = await RequestBody.ReadAsync(context);
        if (refusal is not null) return refusal;
        // The tree's shape is for admins, a root as much as a branch: the permission is decided
        // before the body's meaning, so a refusal never depends on what the store holds (docs/api.md's
        // order puts 403 before 400, 404 of a body's id and 409).
        if (!await access.MayChangeStructure(context, UnitBody.ClaimedParent(body!)))
            return Problems.Forbidden("Only admins may add units.");
        var fields = new BodyFields(body!);
        var draft = UnitBody.ReadDraft(fields);
        if (draft is null) return Problems.Invalid(fields.Errors);
        var result = await Organization(grains).CreateUnit(draft, access.Actor(context));
        if (!result.Succeeded) return Problems.From(result);
        return result.Outcome == Outcome.Created
            ? TypedResults.Created($"/api/v1/units/{draft.Id}", result.Value!)
            : TypedResults.Ok(result.Value!);
    }

    private static async Task<Results<Ok<UnitDetailDto>, ProblemHttpResult>> Get(string id, HttpContext context, IGrainFactory grains, KioskScope scope)
    {
        if (!UnitRules.IsValidId(id)) return UnknownUnit(id);
        var view = await grains.GetGrain<IUnitGrain>(id).Get();
        if (view is null) return UnknownUnit(id);
        if (!await scope.MayRead(context.User, id)) return KioskScope.Refusal(context.User);
        var unit = UnitDetailDto.From(view);
        // A kiosk at the last level it shows does not learn the ids below.
        return TypedResults.Ok(await scope.MayRead(context.User, id, below: 1) ? unit : unit with { Children = [] });
    }

    private static async Task<Results<Ok<UnitInfo>, ProblemHttpResult>> Update(string id, HttpContext context, IGrainFactory grains, WriteAccess access)
    {
        var (body, refusal) = await RequestBody.ReadAsync(context, mergePatch: true);
        if (refusal is not null) return refusal;
        if (!UnitRules.IsValidId(id) || await Organization(grains).GetUnit(id) is null) return UnknownUnit(id);
        if (!await access.MayChangeStructure(context, id))
            return Problems.Forbidden($"You may not change unit '{id}'.");
        var fields = new BodyFields(body!);
        var patch = UnitBody.ReadPatch(fields);
        if (patch is null) return Problems.Invalid(fields.Errors);
        var result = await Organization(grains).UpdateUnit(id, patch, access.Actor(context));
        return result.Succeeded ? TypedResults.Ok(result.Value!) : Problems.From(result);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, HttpContext context, IGrainFactory grains, WriteAccess access)
    {
        if (!UnitRules.IsValidId(id) || await Organization(grains).GetUnit(id) is null) return UnknownUnit(id);
        if (!await access.MayChangeStructure(context, id))
            return Problems.Forbidden($"You may not delete unit '{id}'.");
        var result = await Organization(grains).DeleteUnit(id, access.Actor(context));
        return result.Succeeded ? TypedResults.NoContent() : Problems.From(result);
    }

    private static async Task<Results<Ok<Summary>, ProblemHttpResult>> GetSummary(string id, HttpContext context, IGrainFactory grains, KioskScope scope)
    {
        if (!UnitRules.IsValidId(id)) return UnknownUnit(id);
        var summary = await grains.GetGrain<IUnitGrain>(id).GetSummary();
        if (summary is null) return UnknownUnit(id);
        return await scope.MayRead(context.User, id) ? TypedResults.Ok(summary) : KioskScope.Refusal(context.User);
    }

    private static async Task<Results<Ok<TreeNode>, Ok<HistoryNode>, ProblemHttpResult>> GetTree(
        string id, HttpContext context, IGrainFactory grains, KioskScope scope, DomainClock clock)
    {
        var asOf = context.Request.Query.ContainsKey("asOf");
        // A past day's tree is read from its stored points: the unit may have moved or gone since.
        if (!UnitRules.IsValidId(id) || !asOf && await Organization(grains).GetUnit(id) is null) return UnknownUnit(id);
        var depth = 1;
        if (context.Request.Query.TryGetValue("depth", out var given)
            && (given.Count != 1 || !int.TryParse(given[0], NumberStyles.None, CultureInfo.InvariantCulture, out depth) || depth is < 0 or > MaxTreeDepth))
            return Problems.Invalid(new() { ["depth"] = [$"depth must be an integer from 0 to {MaxTreeDepth}."] });
        if (asOf)
            return await HistoryApi.TreeAsOf(id, depth, context, grains, scope, clock) switch
            {
                { Result: Ok<HistoryNode> ok } => ok,
                { Result: ProblemHttpResult problem } => problem,
                var other => throw new InvalidOperationException($"Unexpected answer {other.Result}"),
            };
        if (!await scope.MayRead(context.User, id, below: depth)) return KioskScope.Refusal(context.User);
        var tree = await Organization(grains).GetTree(id, depth);
        return tree is null ? UnknownUnit(id) : TypedResults.Ok(tree);
    }
}
