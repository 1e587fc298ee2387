using System.Globalization;
using Cascade.Inspections;
using Cascade.Outcomes;
using Cascade.Time;
using Cascade.Units;
using Cascade.Web.Alerts;
using Cascade.Web.Http;
using Cascade.Web.Identity;
using Cascade.Web.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cascade.Web.Inspections;

/// <summary>
/// The inspection routes (docs/api.md "Inspections"): admins and leaders capture a subtree; every
/// signed-in person (not a kiosk) reads the frozen figures, tasks and alerts, and compares.
/// </summary>
public static class InspectionsApi
{
    public const int MaxDepth = 10;

    public static RouteGroupBuilder MapInspectionsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/inspections").WithTags("Inspections");
        group.MapPost("/", Create).RequireAuthorization(AccessExtensions.Overseers).ReadsJson<NewInspection>()
            .Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapGet("/", List).RequireAuthorization(AccessExtensions.PeopleOnly).Refuses(StatusCodes.Status403Forbidden);
        group.MapGet("/compare", InspectionCompare.Compare).RequireAuthorization(AccessExtensions.PeopleOnly)
            .TakesQuery("from", "An inspection's id.").TakesQuery("to", "Another inspection's id of the same scope, or now (the live figures).")
            .TakesQuery("unit", "The unit compared with the units below it; the scope when left out.")
            .TakesQuery("depth", $"Levels below the unit, 0 to {MaxDepth}; 1 when left out.")
            .ProducesValidationProblem().Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapGet("/{id}", Get).RequireAuthorization(AccessExtensions.PeopleOnly).Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        group.MapGet("/{id}/tree", Tree).RequireAuthorization(AccessExtensions.PeopleOnly)
            .TakesQuery("unit", "The frozen unit at the top; the scope when left out.")
            .TakesQuery("depth", $"Levels below the unit, 0 to {MaxDepth}; 1 when left out.")
            .ProducesValidationProblem().Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapGet("/{id}/units/{unitId}/tasks", Tasks).RequireAuthorization(AccessExtensions.PeopleOnly)
            .Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapGet("/{id}/units/{unitId}/alerts", Alerts).RequireAuthorization(AccessExtensions.PeopleOnly)
            .Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapInspectionReport();
        return api;
    }

    internal static IInspectionReaderGrain Reader(IGrainFactory grains) => grains.GetGrain<IInspectionReaderGrain>(0);

    internal static ProblemHttpResult Unknown(string id) => Problems.NotFound($"Inspection '{id}' does not exist.");

    internal static ProblemHttpResult Capturing(string id) => Problems.Conflict($"Inspection '{id}' is still capturing: its figures are not complete yet.");

    internal static ProblemHttpResult NotIn(string id, string unitId) => Problems.NotFound($"Unit '{unitId}' is not in inspection '{id}'.");

    /// <summary>A stored, captured inspection's header; else the refusal (404 unknown, 409 still capturing).</summary>
    internal static async Task<(InspectionHeader?, ProblemHttpResult?)> Captured(IGrainFactory grains, string id)
    {
        if (!UnitRules.IsValidId(id) || await Reader(grains).Header(id) is not { } header) return (null, Unknown(id));
        return header.CapturedAt is null ? (null, Capturing(id)) : (header, null);
    }

    /// <summary><c>depth</c> from the query (1 when left out); null when it is not an integer from 0 to <see cref="MaxDepth"/>.</summary>
    internal static int? Depth(HttpContext context)
    {
        if (!context.Request.Query.TryGetValue("depth", out var given)) return 1;
        return given.Count == 1 && int.TryParse(given[0], NumberStyles.None, CultureInfo.InvariantCulture, out var depth) && depth <= MaxDepth ? depth : null;
    }

    internal static ProblemHttpResult BadDepth() => Problems.Invalid(new() { ["depth"] = [$"depth must be an integer from 0 to {MaxDepth}."] });

    private static async Task<Results<Accepted<InspectionDto>, Ok<InspectionDto>, ProblemHttpResult>> Create(
        HttpContext context, IGrainFactory grains, WriteAccess access)
    {
        var (body, refusal) = await RequestBody.ReadAsync(context);
        if (refusal is not null) return refusal;
        var fields = new BodyFields(body!);
        var root = await grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key).GetRootId();
        if (InspectionBody.Read(fields, root) is not { } request) return Problems.Invalid(fields.Errors);
        var result = await grains.GetGrain<IInspectionGrain>(request.Id).Start(request, access.Actor(context));
        if (!result.Succeeded) return Problems.From(result);
        var header = result.Value!;
        var location = $"/api/v1/inspections/{header.Id}";
        // Still capturing (new, or asked again meanwhile): 202; a repeat once captured: 200 with its figures.
        if (result.Outcome == Outcome.Created || header.CapturedAt is null) return TypedResults.Accepted(location, InspectionDto.From(header, null));
        return TypedResults.Ok(InspectionDto.From(header, await ScopeSummary(grains, header)));
    }

    private static async Task<Rollup.Summary?> ScopeSummary(IGrainFactory grains, InspectionHeader header) =>
        header.CapturedAt is null ? null
            : (await Reader(grains).Subtree(header.Id, header.Request.UnitId, 0)).FirstOrDefault()?.SummaryAt(header.TakenAt);

    private static async Task<Ok<List<InspectionDto>>> List(IGrainFactory grains)
    {
        var headers = await Reader(grains).Headers();
        var list = new List<InspectionDto>(headers.Count);
        foreach (var header in headers) list.Add(InspectionDto.From(header, await ScopeSummary(grains, header)));
        return TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<InspectionDto>, ProblemHttpResult>> Get(string id, IGrainFactory grains)
    {
        if (!UnitRules.IsValidId(id) || await Reader(grains).Header(id) is not { } header) return Unknown(id);
        return TypedResults.Ok(InspectionDto.From(header, await ScopeSummary(grains, header)));
    }

    private static async Task<Results<Ok<TreeNode>, ProblemHttpResult>> Tree(string id, HttpContext context, IGrainFactory grains, string? unit = null)
    {
        var (header, refusal) = await Captured(grains, id);
        if (refusal is not null) return refusal;
        var top = unit ?? header!.Request.UnitId;
        if (!UnitRules.IsValidId(top)) return NotIn(id, top);
        if (Depth(context) is not { } depth) return BadDepth();
        var rows = await Reader(grains).Subtree(id, top, depth);
        return rows.Count == 0 ? NotIn(id, top) : TypedResults.Ok(FrozenTrees.Build(rows, header!.TakenAt));
    }

    private static async Task<Results<Ok<IEnumerable<TaskDto>>, ProblemHttpResult>> Tasks(string id, string unitId, IGrainFactory grains, DomainClock clock)
    {
        var (header, refusal) = await Captured(grains, id);
        if (refusal is not null) return refusal;
        if (!UnitRules.IsValidId(unitId) || await Reader(grains).Work(id, unitId) is not { } work) return NotIn(id, unitId);
        return TypedResults.Ok(work.Tasks.Select(t => TaskDto.From(unitId, t, clock, header!.TakenAt)));
    }

    private static async Task<Results<Ok<IEnumerable<AlertDto>>, ProblemHttpResult>> Alerts(string id, string unitId, IGrainFactory grains)
    {
        var (_, refusal) = await Captured(grains, id);
        if (refusal is not null) return refusal;
        if (!UnitRules.IsValidId(unitId) || await Reader(grains).Work(id, unitId) is not { } work) return NotIn(id, unitId);
        return TypedResults.Ok(work.OpenAlerts.Select(AlertDto.From));
    }
}
