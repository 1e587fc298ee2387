using Cascade.Time;
using Cascade.Units;
using Cascade.Web.Http;
using Cascade.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniExcelLibs;

namespace Cascade.Web.Alerts;

/// <summary>
/// <c>GET /api/v1/alerts/export</c>: the ledger (督办台账) as an xlsx workbook, one row per alert,
/// made on the server from exactly the list <c>GET /api/v1/alerts</c> answers for the same
/// query, with the ledger's filters and sort (<see cref="LedgerFilter"/>) applied. People only.
/// </summary>
public static class AlertsExport
{
    public const string ContentType = XlsxFile.ContentType;

    public static RouteGroupBuilder MapAlertsExport(this RouteGroupBuilder alerts)
    {
        alerts.MapGet("/export", Export).RequireAuthorization(AccessExtensions.PeopleOnly)
            .TakesQuery("unit", "The unit (the root when left out), as the list takes it.")
            .TakesQuery("subtree", "true: the alerts of every unit below it too.")
            .TakesQuery("state", "firing, acknowledged or resolved; may repeat (firing and acknowledged when left out).")
            .TakesQuery("rule", "Only alerts of this rule; may repeat.")
            .TakesQuery("severity", "amber or red; may repeat.")
            .TakesQuery("escalatedTo", "Only the alerts that have climbed to this unit.")
            .TakesQuery("tag", "Only the alerts of tasks that carried this label when they fired.")
            .TakesQuery("sort", "since (newest first) or severity (red first); the list's order when left out.")
            .TakesQuery("lang", "zh (the default) or en: the column headings' language.")
            .Produces(StatusCodes.Status200OK, contentType: ContentType)
            .ProducesValidationProblem().Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        return alerts;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(
        HttpContext context, IGrainFactory grains, KioskScope scope, DomainClock clock, Cascade.Silences.SilenceBook silences)
    {
        var query = context.Request.Query;
        var errors = new Dictionary<string, string[]>();
        var filter = LedgerFilter.Read(query, errors);
        var lang = query["lang"].ToString();
        if (query["lang"].Count > 1 || lang is not ("" or "zh" or "en")) errors["lang"] = ["lang is zh or en."];
        if (errors.Count > 0) return Problems.Invalid(errors);

        // Exactly the list's answer (its own checks: the unit, the states, who may read it).
        var answer = await AlertsApi.List(context, grains, scope, silences, clock);
        if (answer.Result is not Ok<IEnumerable<AlertDto>> { Value: { } list }) return (ProblemHttpResult)answer.Result;
        var names = (await grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key).ListUnits(null) ?? [])
            .ToDictionary(u => u.Id, u => u.Name, StringComparer.Ordinal);
        var rows = LedgerSheet.Rows(filter!.Apply(list), lang == "en" ? LedgerSheet.English : LedgerSheet.Chinese, names, clock.Zone);

        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: lang == "en" ? "Alerts" : "督办台账", excelType: ExcelType.XLSX, cancellationToken: context.RequestAborted);
        var unit = query["unit"].Count == 1 ? query["unit"].ToString() : "root";
        return XlsxFile.Bytes(context, stream.ToArray(), $"alerts-{unit}", clock);
    }
}
