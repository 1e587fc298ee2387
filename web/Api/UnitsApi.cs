using System.Globalization;
using Cascade.Units;
using Cascade.Web.Access;

namespace Cascade.Web.Api;

/// <summary>api.md "Units" and "Summary".</summary>
public static class UnitsApi
{
    public const int MaxTreeDepth = 10;

    public static RouteGroupBuilder MapUnitsApi(this RouteGroupBuilder api)
    {
        var units = api.MapGroup("/units");
        units.MapGet("/", List);
        units.MapPost("/", Create);
        units.MapGet("/{id}", Get);
        units.MapPatch("/{id}", Update);
        units.MapDelete("/{id}", Delete);
        units.MapGet("/{id}/summary", GetSummary);
        units.MapGet("/{id}/tree", GetTree);
        return api;
    }

    private static IOrganizationGrain Organization(IGrainFactory grains) => grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key);

    private static IResult UnknownUnit(string id) => Problems.NotFound($"Unit '{id}' does not exist.");

    private static async Task<IResult> List(string? parent, IGrainFactory grains)
    {
        if (parent is not null && !UnitRules.IsValidId(parent)) return UnknownUnit(parent);
        var list = await Organization(grains).ListUnits(parent);
        return list is null ? UnknownUnit(parent!) : TypedResults.Ok(list);
    }

    private static async Task<IResult> Create(HttpContext context, IGrainFactory grains, WriteAccess access)
    {
        var (body, refusal) = await RequestBody.ReadAsync(context);
        if (refusal is not null) return refusal;
        // The tree's shape is for admins, a root as much as a branch: the permission is decided
        // before the body's meaning, so a refusal never depends on what the store holds (api.md's
        // order puts 403 before 400, 404 of a body's id and 409).
        if (!await access.MayChangeStructure(context, UnitBody.ClaimedParent(body!)))
            return Problems.Status(StatusCodes.Status403Forbidden, "Forbidden", "Only admins may add units.");
        var fields = new BodyFields(body!);
        var draft = UnitBody.ReadDraft(fields);
        if (draft is null) return Problems.Invalid(fields.Errors);
        var result = await Organization(grains).CreateUnit(draft, access.Actor(context));
        if (!result.Succeeded) return Problems.From(result);
        return result.Outcome == Results.Outcome.Created
            ? TypedResults.Created($"/api/v1/units/{draft.Id}", result.Value)
            : TypedResults.Ok(result.Value);
    }

    private static async Task<IResult> Get(string id, IGrainFactory grains)
    {
        if (!UnitRules.IsValidId(id)) return UnknownUnit(id);
        var view = await grains.GetGrain<IUnitGrain>(id).Get();
        return view is null ? UnknownUnit(id) : TypedResults.Ok(UnitDetailDto.From(view));
    }

    private static async Task<IResult> Update(string id, HttpContext context, IGrainFactory grains, WriteAccess access)
    {
        var (body, refusal) = await RequestBody.ReadAsync(context, mergePatch: true);
        if (refusal is not null) return refusal;
        if (!UnitRules.IsValidId(id) || await Organization(grains).GetUnit(id) is null) return UnknownUnit(id);
        if (!await access.MayChangeStructure(context, id))
            return Problems.Status(StatusCodes.Status403Forbidden, "Forbidden", $"You may not change unit '{id}'.");
        var fields = new BodyFields(body!);
        var patch = UnitBody.ReadPatch(fields);
        if (patch is null) return Problems.Invalid(fields.Errors);
        var result = await Organization(grains).UpdateUnit(id, patch, access.Actor(context));
        return result.Succeeded ? TypedResults.Ok(result.Value) : Problems.From(result);
    }

    private static async Task<IResult> Delete(string id, HttpContext context, IGrainFactory grains, WriteAccess access)
    {
        if (!UnitRules.IsValidId(id) || await Organization(grains).GetUnit(id) is null) return UnknownUnit(id);
        if (!await access.MayChangeStructure(context, id))
            return Problems.Status(StatusCodes.Status403Forbidden, "Forbidden", $"You may not delete unit '{id}'.");
        var result = await Organization(grains).DeleteUnit(id, access.Actor(context));
        return result.Succeeded ? TypedResults.NoContent() : Problems.From(result);
    }

    private static async Task<IResult> GetSummary(string id, IGrainFactory grains)
    {
        if (!UnitRules.IsValidId(id)) return UnknownUnit(id);
        var summary = await grains.GetGrain<IUnitGrain>(id).GetSummary();
        return summary is null ? UnknownUnit(id) : TypedResults.Ok(summary);
    }

    private static async Task<IResult> GetTree(string id, HttpContext context, IGrainFactory grains)
    {
        if (!UnitRules.IsValidId(id) || await Organization(grains).GetUnit(id) is null) return UnknownUnit(id);
        var depth = 1;
        if (context.Request.Query.TryGetValue("depth", out var given)
            && (given.Count != 1 || !int.TryParse(given[0], NumberStyles.None, CultureInfo.InvariantCulture, out depth) || depth is < 0 or > MaxTreeDepth))
            return Problems.Invalid(new() { ["depth"] = [$"depth must be an integer from 0 to {MaxTreeDepth}."] });
        var tree = await Organization(grains).GetTree(id, depth);
        return tree is null ? UnknownUnit(id) : TypedResults.Ok(tree);
    }
}
