using System.Runtime.CompilerServices;
using Cascade.Inspections;
using Cascade.Time;
using Cascade.Units;
using Cascade.Web.Alerts;
using Cascade.Web.Excel;
using Cascade.Web.Http;
using Cascade.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Cascade.Web.Inspections;

/// <summary>
/// <c>GET /api/v1/inspections/{id}/report.xlsx?unit=&amp;depth=</c> (docs/api.md "Inspections"): one
/// workbook of the frozen figures of a unit and the units below it to <c>depth</c>, sheets 汇总 (their
/// frozen summaries, as the tree answers them), 任务台账 (their frozen tasks, as the task export's
/// columns), 预警 (their own open alerts when asked, as the ledger export's columns) and 对比 (the
/// previous inspection of the same scope against this one, as compare answers it). Written to a
/// temporary file while the units' tasks are read a window at a time, then sent and deleted.
/// Read by whoever reads inspections (people, not kiosks).
/// </summary>
public static class InspectionReport
{
    /// <summary>Units whose frozen tasks are read at once while the rows of earlier ones are written.</summary>
    private const int Window = 32;

    public static RouteGroupBuilder MapInspectionReport(this RouteGroupBuilder inspections)
    {
        inspections.MapGet("/{id}/report.xlsx", Report).RequireAuthorization(AccessExtensions.PeopleOnly)
            .TakesQuery("unit", "The frozen unit at the top; the scope when left out.")
            .TakesQuery("depth", $"Levels below the unit, 0 to {InspectionsApi.MaxDepth}; 1 when left out.")
            .Produces(StatusCodes.Status200OK, contentType: XlsxFile.ContentType)
            .ProducesValidationProblem().Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return inspections;
    }

    /// <summary>The newest captured inspection of the same scope taken before <paramref name="header"/>; null when there is none.</summary>
    internal static async Task<InspectionHeader?> Previous(IInspectionReaderGrain reader, InspectionHeader header) =>
        (await reader.Headers())
            .Where(h => h.CapturedAt is not null && h.Request.UnitId == header.Request.UnitId && h.TakenAt < header.TakenAt)
            .MaxBy(h => h.TakenAt);

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Report(
        string id, HttpContext context, IGrainFactory grains, DomainClock clock, string? unit = null)
    {
        var (header, refusal) = await InspectionsApi.Captured(grains, id);
        if (refusal is not null) return refusal;
        if (InspectionsApi.Depth(context) is not { } depth) return InspectionsApi.BadDepth();
        var top = unit ?? header!.Request.UnitId;
        if (!UnitRules.IsValidId(top)) return InspectionsApi.NotIn(id, top);
        var reader = InspectionsApi.Reader(grains);
        var rows = await reader.Subtree(id, top, depth);
        if (rows.Count == 0) return InspectionsApi.NotIn(id, top);

        var paths = UnitPaths.Of([.. rows.Select(r => r.Info)], top, subtree: true).ToDictionary(p => p.Id, p => p.Path, StringComparer.Ordinal);
        var (compared, previous) = await Comparison(reader, header!, top, depth, rows);
        var names = rows.ToDictionary(r => r.UnitId, r => r.Name, StringComparer.Ordinal);
        var alerts = new List<AlertDto>();
        var ct = context.RequestAborted;
        var sheets = new Dictionary<string, object>
        {
            [ReportSheets.Summaries] = ReportSheets.SummaryRows(rows, paths, header!.TakenAt, rows[0].Depth).ToList(),
            [ReportSheets.Tasks] = TaskRows(reader, header, rows, paths, alerts, clock, ct).ToBlockingEnumerable(ct),
            // Filled while the tasks are read (MiniExcel writes the sheets in order).
            [ReportSheets.Alerts] = AlertRows(alerts, names, clock.Zone),
            [ReportSheets.Comparison] = ReportSheets.ComparisonRows(compared, previous),
        };

        var path = Path.Combine(Path.GetTempPath(), $"cascade-inspection-{Guid.NewGuid():N}.xlsx");
        try
        {
            // MiniExcel writes synchronously: off the request's thread, fed by the async reads.
            await Task.Run(() =>
            {
                using var file = File.Create(path);
                file.SaveAs(sheets, excelType: ExcelType.XLSX, configuration: Configuration);
            }, ct);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        return XlsxFile.Stream(context, stream, $"inspection-{id}{(unit is null ? "" : $"-{top}")}", clock: null);
    }

    /// <summary>The previous inspection of the scope against this one for the same units; null rows and the reason when there is nothing to compare.</summary>
    private static async Task<(IReadOnlyList<ComparedUnit>?, string)> Comparison(
        IInspectionReaderGrain reader, InspectionHeader header, string top, int depth, IReadOnlyList<FrozenUnit> rows)
    {
        if (await Previous(reader, header) is not { } previous) return (null, "没有更早的同范围督查可供对比");
        var label = $"{previous.Request.Title}（{previous.Request.Period}，{previous.Id}）";
        var before = await reader.Subtree(previous.Id, top, depth);
        if (before.Count == 0) return (null, $"{label}中没有此单位，无法对比");
        return (InspectionCompare.Pair(before, previous.TakenAt, rows, header.TakenAt), label);
    }

    private static async IAsyncEnumerable<IDictionary<string, object?>> TaskRows(
        IInspectionReaderGrain reader, InspectionHeader header, IReadOnlyList<FrozenUnit> rows, IReadOnlyDictionary<string, string> paths,
        List<AlertDto> alerts, DomainClock clock, [EnumeratorCancellation] CancellationToken ct)
    {
        var ahead = new Queue<(string Id, Task<UnitSnapshot?> Work)>();
        var next = 0;
        while (next < rows.Count || ahead.Count > 0)
        {
            while (ahead.Count < Window && next < rows.Count)
            {
                var unitId = rows[next++].UnitId;
                ahead.Enqueue((unitId, reader.Work(header.Id, unitId)));
            }
            var (id, read) = ahead.Dequeue();
            ct.ThrowIfCancellationRequested();
            if (await read is not { } work) continue;
            alerts.AddRange(work.OpenAlerts.Select(AlertDto.From));
            foreach (var row in ReportSheets.TaskRows(id, paths[id], work.Tasks, header.TakenAt, clock)) yield return row;
        }
    }

    private static IEnumerable<IDictionary<string, object?>> AlertRows(List<AlertDto> alerts, IReadOnlyDictionary<string, string> names, TimeZoneInfo zone)
    {
        foreach (var row in LedgerSheet.Rows(alerts, LedgerSheet.Chinese, names, zone)) yield return row;
    }

    private static readonly OpenXmlConfiguration Configuration = new()
    {
        DynamicColumns =
        [
            new DynamicExcelColumn(TaskSheet.Start) { Format = "yyyy-MM-dd" },
            new DynamicExcelColumn(TaskSheet.Due) { Format = "yyyy-MM-dd" },
            .. ReportSheets.Fractions().Distinct().Select(f => new DynamicExcelColumn(f) { Format = "0.0%" }),
        ],
    };
}
