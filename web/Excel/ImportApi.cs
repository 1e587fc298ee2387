using System.Net.Http.Headers;
using Cascade.Identity;
using Cascade.Imports;
using Cascade.Tasks;
using Cascade.Units;
using Cascade.Web.Http;
using Cascade.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cascade.Web.Excel;

/// <summary>
/// <c>GET /api/v1/import/template.xlsx</c> and <c>POST /api/v1/import?dryRun=</c> (docs/api.md
/// "Import"): the workbook is checked whole (container, sheet, every row against the task rules
/// in its unit's grain, the writer's access) before anything is applied; an apply is one durable
/// job (<see cref="IImportJobGrain"/>), each unit's rows in one write.
/// </summary>
public static class ImportApi
{
    public const long MaxBytes = 10L * 1024 * 1024;
    public const int MaxRows = 200_000;
    /// <summary>Units checked at once.</summary>
    private const int InFlight = 32;

    public static RouteGroupBuilder MapImportApi(this RouteGroupBuilder api)
    {
        api.MapGet("/import/template.xlsx", Template).WithTags("Excel").RequireAuthorization(AccessExtensions.PeopleOnly)
            .Produces(StatusCodes.Status200OK, contentType: XlsxFile.ContentType).Refuses(StatusCodes.Status403Forbidden);
        api.MapPost("/import", Import).WithTags("Excel").RequireAuthorization(AccessExtensions.PeopleOnly)
            .Accepts<byte[]>(XlsxFile.ContentType)
            .TakesQuery("dryRun", "true (the default): check only and report; false: apply when every row is good.")
            .Produces<ImportReport>(StatusCodes.Status200OK).Produces<ImportReport>(StatusCodes.Status400BadRequest)
            .Produces<ImportReport>(StatusCodes.Status409Conflict)
            .Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);
        return api;
    }

    private static FileContentHttpResult Template(HttpContext context) => XlsxFile.Bytes(context, ImportTemplate.Workbook, "import-template", null);

    private static async Task<Results<Ok<ImportReport>, BadRequest<ImportReport>, Conflict<ImportReport>, ProblemHttpResult>> Import(
        HttpContext context, IGrainFactory grains, WriteAccess access)
    {
        var query = context.Request.Query;
        var dryRun = true;
        if (query["dryRun"].Count > 1 || query["dryRun"].Count == 1 && !bool.TryParse(query["dryRun"].ToString(), out dryRun))
            return Problems.Invalid(new() { ["dryRun"] = ["dryRun is true or false."] });
        if (context.User.Role() is not (Role.Admin or Role.Editor))
            return Problems.Forbidden("只有管理员和编辑可以导入任务。");
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var media) || !string.Equals(media.MediaType, XlsxFile.ContentType, StringComparison.OrdinalIgnoreCase))
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type", $"请上传 xlsx 工作簿（Content-Type: {XlsxFile.ContentType}）。");
        if (await ReadBody(context) is not { } body) return TooLarge();

        if (WorkbookGuard.Check(body) is { } bad) return File(bad);
        var (sheet, refusal) = SheetReader.Read(new MemoryStream(body.Array!, body.Offset, body.Count, writable: false), MaxRows);
        if (refusal is not null) return File(refusal);
        if (ImportSheetRows.Missing(sheet!) is { Count: > 0 } missing)
            return File($"第 1 行缺少必需的列：{string.Join("、", missing)}（列名须与模板一致）");

        var errors = new List<ImportError>();
        var units = ImportSheetRows.Read(sheet!, errors);
        var by = access.Actor(context);
        var counts = new int[4];
        var batches = new List<ImportBatch>();
        foreach (var (unitId, rows) in units.ToArray())
        {
            if (await access.MayWriteTasks(context, unitId)) continue;
            errors.AddRange(rows.Select(r => new ImportError(r.Row, TaskSheet.UnitId, $"你不能修改单位 {unitId} 的任务（只能导入你所在单位及其下级单位的任务）")));
            units.Remove(unitId);
        }
        foreach (var chunk in units.Chunk(InFlight))
        {
            var answers = await Task.WhenAll(chunk.Select(u => grains.GetGrain<IUnitImport>(u.Key).CheckImport(u.Value, by)));
            for (var i = 0; i < chunk.Length; i++)
            {
                var (unitId, rows) = chunk[i];
                if (answers[i] is not { } outcomes)
                {
                    errors.AddRange(rows.Select(r => new ImportError(r.Row, TaskSheet.UnitId, $"单位编号 {unitId} 不存在")));
                    continue;
                }
                foreach (var o in outcomes)
                    if (o.Verdict == ImportVerdict.Error) errors.Add(new(o.Row, ImportSheetRows.Column(o.Field), o.Message ?? "不符合任务规则"));
                    else counts[(int)o.Verdict]++;
                var checkedRows = outcomes.Where(o => o.Checked is not null).Select(o => o.Checked!).ToList();
                if (checkedRows.Count > 0) batches.Add(new ImportBatch(unitId, checkedRows));
            }
        }
        var sorted = Sorted(errors);
        var report = new ImportReport(sheet!.Rows.Count, counts[(int)ImportVerdict.Create], counts[(int)ImportVerdict.Update],
            counts[(int)ImportVerdict.Unchanged], sorted, dryRun);
        if (sorted.Count > 0) return dryRun ? TypedResults.Ok(report) : TypedResults.BadRequest(report);
        if (dryRun || batches.Count == 0) return TypedResults.Ok(report);

        var job = grains.GetGrain<IImportJobGrain>(Guid.NewGuid().ToString("N"));
        await job.Start(new ImportJob(batches, by, access.ActorName(context)));
        var applied = await Finished(job, context.RequestAborted);
        var conflicts = Sorted([.. applied.Where(o => o.Verdict == ImportVerdict.Conflict).Select(o => new ImportError(o.Row, ImportSheetRows.Column(o.Field), o.Message ?? "任务在检查之后已被修改"))]);
        var done = applied.Where(o => o.Verdict is ImportVerdict.Create or ImportVerdict.Update).ToList();
        report = report with
        {
            Create = done.Count(o => o.Verdict == ImportVerdict.Create), Update = done.Count(o => o.Verdict == ImportVerdict.Update),
            Applied = [.. done.Select(o => o.Row).Order()], Conflicts = conflicts,
        };
        return conflicts.Count > 0 ? TypedResults.Conflict(report) : TypedResults.Ok(report);
    }

    /// <summary>The job's outcomes once it has applied every row: asked again and again, every call short (a long import outlasts any one call's timeout).</summary>
    private static async Task<IReadOnlyList<ImportOutcome>> Finished(IImportJobGrain job, CancellationToken ct)
    {
        var wait = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            if (await job.Outcome() is { } outcomes) return outcomes;
            await Task.Delay(wait, ct);
            wait = TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds * 2, 500));
        }
    }

    /// <summary>The body, at most <see cref="MaxBytes"/>; null when it is larger (413).</summary>
    private static async Task<ArraySegment<byte>?> ReadBody(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBytes) return null;
        using var buffer = new MemoryStream((int)Math.Min(context.Request.ContentLength ?? 64 * 1024, MaxBytes + 1));
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return new ArraySegment<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static ProblemHttpResult TooLarge() =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "Payload Too Large", "工作簿超过 10 MB，请分成几个文件导入。");

    /// <summary>400 for the workbook as a whole, its reason under <c>errors.file</c>.</summary>
    private static ProblemHttpResult File(string reason) => TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["file"] = [reason] })
    {
        Status = StatusCodes.Status400BadRequest, Title = "Invalid workbook", Detail = reason,
    });

    private static List<ImportError> Sorted(List<ImportError> errors) =>
        [.. errors.OrderBy(e => e.Row).ThenBy(e => e.Column is null ? int.MaxValue : Array.IndexOf(TaskSheet.Columns, e.Column))];
}
