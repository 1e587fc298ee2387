using System.Runtime.CompilerServices;
using Cascade.Tasks;
using Cascade.Time;
using Cascade.Units;
using Cascade.Web.Http;
using Cascade.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Cascade.Web.Excel;

/// <summary>
/// <c>GET /api/v1/units/{id}/tasks.xlsx?subtree=true|false&amp;tag=</c>: a unit's tasks (and its subtree's, those with a label)
/// in the import template's columns plus 单位, one row per task, units parents first. Streams: the
/// units' tasks are read a window at a time while MiniExcel writes the rows to a temporary file,
/// which is then sent and deleted, so memory stays flat however many tasks there are. People only
/// (the sheet carries notes).
/// </summary>
public static class TasksExport
{
    public const string ContentType = XlsxFile.ContentType;

    /// <summary>Units read at once while the rows of earlier ones are written.</summary>
    private const int Window = 32;

    public static RouteGroupBuilder MapTasksExport(this RouteGroupBuilder api)
    {
        api.MapGet("/units/{id}/tasks.xlsx", Export).WithTags("Excel").RequireAuthorization(AccessExtensions.PeopleOnly)
            .TakesQuery("subtree", "true: the tasks of every unit below it too (false when left out).")
            .TakesQuery("tag", "Only the tasks carrying this label (compared after trimming, exactly).")
            .Produces(StatusCodes.Status200OK, contentType: ContentType)
            .ProducesValidationProblem().Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Export(
        string id, HttpContext context, IGrainFactory grains, DomainClock clock)
    {
        var query = context.Request.Query;
        var subtree = false;
        if (query["subtree"].Count > 1 || query["subtree"].Count == 1 && !bool.TryParse(query["subtree"].ToString(), out subtree))
            return Problems.Invalid(new Dictionary<string, string[]> { ["subtree"] = ["subtree is true or false."] });
        if (query["tag"].Count > 1) return Problems.Invalid(new Dictionary<string, string[]> { ["tag"] = ["tag may be given once."] });
        var tag = query["tag"].Count == 1 ? query["tag"].ToString().Trim() : null;
        var organization = grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key);
        if (!UnitRules.IsValidId(id) || await organization.GetUnit(id) is null) return Problems.NotFound($"Unit '{id}' does not exist.");

        var units = UnitPaths.Of(await organization.ListUnits(null) ?? [], id, subtree);
        var path = Path.Combine(Path.GetTempPath(), $"cascade-export-{Guid.NewGuid():N}.xlsx");
        var ct = context.RequestAborted;
        try
        {
            // MiniExcel writes synchronously: off the request's thread, fed by the async reads.
            await Task.Run(() =>
            {
                using var file = File.Create(path);
                file.SaveAs(Rows(grains, units, tag, ct).ToBlockingEnumerable(ct), sheetName: "任务", excelType: ExcelType.XLSX, configuration: Configuration);
            }, ct);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        return XlsxFile.Stream(context, stream, $"tasks-{id}{(subtree ? "-subtree" : "")}", clock);
    }

    private static readonly OpenXmlConfiguration Configuration = new()
    {
        DynamicColumns =
        [
            new DynamicExcelColumn(TaskSheet.Start) { Format = "yyyy-MM-dd" },
            new DynamicExcelColumn(TaskSheet.Due) { Format = "yyyy-MM-dd" },
        ],
    };

    /// <summary>The rows, unit by unit in order, with up to <see cref="Window"/> units' tasks read ahead.</summary>
    private static async IAsyncEnumerable<IDictionary<string, object?>> Rows(
        IGrainFactory grains, IReadOnlyList<(string Id, string Path)> units, string? tag, [EnumeratorCancellation] CancellationToken ct)
    {
        var ahead = new Queue<(string Id, string Path, Task<IReadOnlyList<TaskItem>?> Tasks)>();
        var next = 0;
        while (next < units.Count || ahead.Count > 0)
        {
            while (ahead.Count < Window && next < units.Count)
            {
                var (unitId, unitPath) = units[next++];
                ahead.Enqueue((unitId, unitPath, grains.GetGrain<IUnitGrain>(unitId).GetTasks()));
            }
            var (id, path, read) = ahead.Dequeue();
            ct.ThrowIfCancellationRequested();
            foreach (var task in await read ?? [])
                if (tag is null || task.HasTag(tag)) yield return TaskSheet.Row(id, path, task);
        }
    }
}
