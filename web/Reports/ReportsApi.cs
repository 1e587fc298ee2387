using System.Globalization;
using Cascade.Reports;
using Cascade.Time;
using Cascade.Units;
using Cascade.Web.Http;
using Cascade.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cascade.Web.Reports;

/// <summary>
/// The year report (述职评议考核 material, docs/api.md "Year report"): JSON and xlsx, for a unit and
/// the units below it to <c>depth</c>. Who may read: every signed-in person any unit (as
/// <c>/units/{id}/tree</c>); kiosks 403 (the wall shows the present, not accounts).
/// </summary>
public static class ReportsApi
{
    public const int MaxDepth = Cascade.Web.Units.UnitsApi.MaxTreeDepth;

    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        var units = api.MapGroup("/units").WithTags("Reports");
        units.MapGet("/{id}/report", Get).RequireAuthorization(AccessExtensions.PeopleOnly).Declare()
            .ProducesValidationProblem().Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        units.MapGet("/{id}/report.xlsx", Xlsx).RequireAuthorization(AccessExtensions.PeopleOnly).Declare()
            .Produces(StatusCodes.Status200OK, contentType: XlsxFile.ContentType)
            .ProducesValidationProblem().Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        return api;
    }

    private static RouteHandlerBuilder Declare(this RouteHandlerBuilder route) => route
        .TakesQuery("year", $"The year, four digits from {ReportYear.First} to {ReportYear.Last}; the current year (local) when left out.")
        .TakesQuery("depth", $"Levels below the unit, 0 to {MaxDepth}; 1 when left out.");

    private static async Task<Results<Ok<YearReport>, ProblemHttpResult>> Get(string id, HttpContext context, IGrainFactory grains, DomainClock clock)
    {
        var (report, problem) = await Read(id, context, grains, clock);
        return problem ?? (Results<Ok<YearReport>, ProblemHttpResult>)TypedResults.Ok(report!);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Xlsx(string id, HttpContext context, IGrainFactory grains, DomainClock clock)
    {
        var (report, problem) = await Read(id, context, grains, clock);
        if (problem is not null) return problem;
        var bytes = await Task.Run(() => ReportSheets.Write(report!), context.RequestAborted);
        return XlsxFile.Bytes(context, bytes, $"report-{id}-{report!.Year}", clock: null);
    }

    /// <summary>404 for an unknown unit, then 400 for a bad year or depth, then the grain's one read.</summary>
    private static async Task<(YearReport?, ProblemHttpResult?)> Read(string id, HttpContext context, IGrainFactory grains, DomainClock clock)
    {
        if (!UnitRules.IsValidId(id) || await grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key).GetUnit(id) is null)
            return (null, Problems.NotFound($"Unit '{id}' does not exist."));
        var query = context.Request.Query;
        var errors = new Dictionary<string, string[]>();
        var year = clock.YearStart(clock.Now).Year;
        if (query.TryGetValue("year", out var given)
            && (given.Count != 1 || given[0] is not { Length: 4 } text || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year) || !ReportYear.IsValid(year)))
            errors["year"] = [$"year must be one four-digit year from {ReportYear.First} to {ReportYear.Last}."];
        var depth = 1;
        if (query.TryGetValue("depth", out var levels)
            && (levels.Count != 1 || !int.TryParse(levels[0], NumberStyles.None, CultureInfo.InvariantCulture, out depth) || depth > MaxDepth))
            errors["depth"] = [$"depth must be an integer from 0 to {MaxDepth}."];
        if (errors.Count > 0) return (null, Problems.Invalid(errors));
        var report = await grains.GetGrain<IReportGrain>(0).Read(id, year, depth);
        return report is null ? (null, Problems.NotFound($"Unit '{id}' does not exist.")) : (report, null);
    }
}
