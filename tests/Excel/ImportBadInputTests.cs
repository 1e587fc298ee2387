using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Cascade.Tests.Support;
using Cascade.Tests.Web;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Cascade.Tests.Excel;

/// <summary>
/// docs/api.md "Import", bad input: each workbook gets its status and a Chinese reason, and
/// nothing is applied (the unit's tasks stay as they were).
/// </summary>
public sealed class ImportBadInputTests(ImportBadInputTests.App app) : IClassFixture<ImportBadInputTests.App>
{
    public sealed class App : ApiApp;

    private static readonly string[] Required = ["单位编号", "任务编号", "任务名称", "类别", "权重", "开始", "截止", "状态", "进度", "备注"];

    private async Task<(HttpClient Admin, string Unit)> Unit()
    {
        var admin = await app.Client();
        var unit = Api.Id("bad");
        await admin.CreateUnit(unit, name: "党支部");
        await admin.CreateTask(unit, "kept");
        return (admin, unit);
    }

    private static async Task<string> FileRefusal(HttpResponseMessage response)
    {
        var problem = await response.Invalid("file");
        return problem.GetProperty("errors").GetProperty("file")[0].GetString()!;
    }

    private static List<(int Row, string? Column, string Message)> Errors(JsonElement report) =>
        [.. report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString(), e.GetProperty("message").GetString()!))];

    [Fact]
    public async Task What_is_not_a_workbook_is_refused_before_it_is_read()
    {
        var (admin, unit) = await Unit();
        var state = await admin.State(unit);
        Assert.Contains("不是 xlsx", await FileRefusal(await admin.Import(Encoding.UTF8.GetBytes("单位编号,任务编号\nx,y\n"), dryRun: false)));
        Assert.Contains("不是有效的 xlsx", await FileRefusal(await admin.Import([.. "PK"u8, 3, 4, .. new byte[200]], dryRun: false)));
        // A zip that is no workbook.
        Assert.Contains("不是有效的 xlsx", await FileRefusal(await admin.Import(Zip(("hello.txt", new byte[100])), dryRun: false)));
        // A zip bomb: 150 MB of zeros in 150 KB, refused on its declared size; and one that lies about its size.
        var bomb = Zip(("xl/worksheets/sheet1.xml", new byte[150 * 1024 * 1024]));
        Assert.True(bomb.Length < 1024 * 1024);
        Assert.Contains("超过 100 MB", await FileRefusal(await admin.Import(bomb, dryRun: false)));
        await FileRefusal(await admin.Import(Lying(bomb), dryRun: false));
        // Too large, a wrong media type, a bad dryRun.
        await (await admin.Import(new byte[10 * 1024 * 1024 + 1], dryRun: false)).Problem(HttpStatusCode.RequestEntityTooLarge);
        await (await admin.Import(ImportBooks.Of([ImportBooks.NewRow(unit, "x", "x")]), contentType: "text/csv")).Problem(HttpStatusCode.UnsupportedMediaType);
        var content = new ByteArrayContent(ImportBooks.Of([ImportBooks.NewRow(unit, "x", "x")]));
        content.Headers.ContentType = new(Workbooks.ContentType);
        await (await admin.PostAsync("/api/v1/import?dryRun=maybe", content)).Invalid("dryRun");
        Assert.Equal(state, await admin.State(unit));
    }

    [Fact]
    public async Task Sheets_missing_a_column_or_with_merged_cells_are_refused_and_unknown_columns_ignored()
    {
        var (admin, unit) = await Unit();
        var state = await admin.State(unit);
        var row = ImportBooks.NewRow(unit, "new", "新任务");
        row.Remove("截止");
        Assert.Contains("截止", await FileRefusal(await admin.Import(ImportBooks.Of([row]), dryRun: false)));

        string?[] header = [.. Required];
        string?[] values = [unit, "merged", "合并的任务", "党建", "1", "2026-01-01", "2026-12-31", "", "", ""];
        var merged = ImportBooks.Raw([header, values, values], build: (sheet, _) =>
            sheet.Append(new MergeCells(new MergeCell { Reference = "C2:C3" }) { Count = 1 }));
        Assert.Contains("合并单元格", await FileRefusal(await admin.Import(merged, dryRun: false)));
        Assert.Equal(state, await admin.State(unit));

        // 单位 and a column the template does not have are read past.
        var extra = ImportBooks.NewRow(unit, "extra", "多一列");
        extra["单位"] = "不存在的单位/名字不算";
        extra["负责人"] = "张三";
        var report = await (await admin.Import(ImportBooks.Of([extra]))).Expect(HttpStatusCode.OK);
        Assert.Equal((1, 0), (report.GetProperty("create").GetInt32(), report.GetProperty("errors").GetArrayLength()));
    }

    [Fact]
    public async Task Formulas_give_their_cached_value_and_dates_are_read_as_text_or_serial_numbers()
    {
        var (admin, unit) = await Unit();
        string?[] header = [.. Required, "期望"];
        var rows = new List<string?[]>
        {
            header,
            new string?[] { unit, "a", "文本日期", "党建", "1", "2026-12-01", "2026-12-31", "", "", "", "" },
            new string?[] { unit, "b", "斜线日期", "业务", "1", "2026/1/5", "2026/12/31", "", "", "", "" },
            new string?[] { unit, "c", "序列号日期", "党建", "1", null, null, "", null, "", "" },
            new string?[] { unit, "d", "没有结果的公式", "党建", "1", "2026-01-01", "2026-12-31", "", null, "", "" },
            new string?[] { unit, "e", "看不懂的日期", "党建", "1", "明年", "2026-13-01", "", "", "", "" },
            new string?[] { unit, "f", "看不懂的期望", "党建", "1", "2026-01-01", "2026-12-31", "", "", "", "按期" },
        };
        Cell? Special(int r, int c) => (r, c) switch
        {
            (3, 5) => new Cell { CellValue = new CellValue(46023) },                     // 2026-01-01
            (3, 6) => new Cell { CellValue = new CellValue(46387) },                     // 2026-12-31
            (3, 8) => new Cell { CellFormula = new CellFormula("20+30"), CellValue = new CellValue(50) },
            (4, 8) => new Cell { CellFormula = new CellFormula("20+30") },              // never calculated
            _ => null,
        };
        var workbook = ImportBooks.Raw(rows, cell: Special);
        var report = await (await admin.Import(workbook, dryRun: false)).Expect(HttpStatusCode.BadRequest);
        var errors = Errors(report);
        Has(errors, 5, "进度", "公式");
        Has(errors, 6, "开始", "日期");
        Has(errors, 6, "截止");
        Has(errors, 7, "期望", "期望须为 按进度、到期完成 之一（现为“按期”）");
        Assert.Equal([5, 6, 6, 7], errors.Select(e => e.Row));
        Assert.Equal(1, (await (await admin.GetAsync(Api.Tasks(unit))).Expect(HttpStatusCode.OK)).GetArrayLength()); // nothing applied

        var good = ImportBooks.Raw(rows.Take(4).ToList(), cell: Special);
        report = await (await admin.Import(good, dryRun: false)).Expect(HttpStatusCode.OK);
        Assert.Equal(3, report.GetProperty("create").GetInt32());
        async Task<(string?, string?, int)> Read(string id)
        {
            var task = await (await admin.GetAsync(Api.Task(unit, id))).Expect(HttpStatusCode.OK);
            return (task.GetProperty("start").GetString(), task.GetProperty("due").GetString(), task.GetProperty("progress").GetInt32());
        }
        Assert.Equal(("2026-12-01", "2026-12-31", 0), await Read("a"));
        Assert.Equal(("2026-01-05", "2026-12-31", 0), await Read("b"));
        Assert.Equal(("2026-01-01", "2026-12-31", 50), await Read("c"));
    }

    [Fact]
    public async Task Rows_breaking_the_task_rules_are_listed_and_nothing_is_applied()
    {
        var (admin, unit) = await Unit();
        var state = await admin.State(unit);
        var done = ImportBooks.NewRow(unit, "done", "完成却不到百", status: "完成", progress: 60);
        var late = ImportBooks.NewRow(unit, "late", "开始晚于截止", start: new DateTime(2026, 12, 1), due: new DateTime(2026, 1, 1));
        var untitled = ImportBooks.NewRow(unit, "untitled", "");
        var stranger = ImportBooks.NewRow("no-such-unit", "x", "没有这个单位");
        var twice = ImportBooks.NewRow(unit, "done", "重复的编号");
        var old = ImportBooks.NewRow(unit, "kept", "改一个已有任务");
        old["版本"] = "7";
        await admin.CreateTask(unit, "other");
        state = await admin.State(unit);
        var unversioned = ImportBooks.NewRow(unit, "other", "改了却没有版本");
        var report = await (await admin.Import(ImportBooks.Of([done, late, untitled, stranger, twice, old, unversioned]), dryRun: false)).Expect(HttpStatusCode.BadRequest);
        var errors = Errors(report);
        Has(errors, 2, "进度");
        Has(errors, 3, "开始");
        Has(errors, 4, "任务名称");
        Has(errors, 5, "单位编号", "不存在");
        Has(errors, 6, "任务编号", "第 2 行");
        Has(errors, 7, "版本", "不是任务的当前版本");
        Has(errors, 8, "版本", "须填写导出时的版本");
        Assert.All(errors, e => Assert.DoesNotMatch("[a-z]{4,} [a-z]{4,}", e.Message)); // Chinese, not the API's English
        Assert.Equal(state, await admin.State(unit));
    }

    [Fact]
    public async Task More_than_200000_rows_are_refused()
    {
        var (admin, unit) = await Unit();
        var rows = Enumerable.Range(0, 200_001).Select(i => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["单位编号"] = unit, ["任务名称"] = "t",
        }); // the rows are counted as they are read, before the columns matter
        var workbook = ImportBooks.Of(rows);
        Assert.True(workbook.Length <= 10 * 1024 * 1024, $"{workbook.Length} bytes");
        Assert.Contains("200,000", await FileRefusal(await admin.Import(workbook)));
    }

    private static void Has(List<(int Row, string? Column, string Message)> errors, int row, string column, string? says = null) =>
        Assert.True(errors.Exists(e => e.Row == row && e.Column == column && (says is null || e.Message.Contains(says))),
            $"no error at row {row} {column} saying {says}: {string.Join("; ", errors)}");

    private static byte[] Zip(params (string Name, byte[] Data)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, data) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                entry.Write(data);
            }
        return stream.ToArray();
    }

    /// <summary>The same zip with every central directory entry claiming 1,000 bytes uncompressed.</summary>
    private static byte[] Lying(byte[] zip)
    {
        var bytes = (byte[])zip.Clone();
        for (var i = 0; i + 46 <= bytes.Length; i++)
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 1 && bytes[i + 3] == 2)
                BitConverter.GetBytes(1000u).CopyTo(bytes, i + 24);
        return bytes;
    }
}
