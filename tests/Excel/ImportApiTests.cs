using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;
using Cascade.Tests.Web;

namespace Cascade.Tests.Excel;

/// <summary>
/// <c>POST /api/v1/import</c> against the export: a subtree exported, edited in 50 cells, checked,
/// applied and exported again reads back as edited; the same file again changes nothing; a row
/// edited from an old export is refused; editors import into their subtree only.
/// </summary>
public sealed class ImportApiTests(ImportApiTests.App app) : IClassFixture<ImportApiTests.App>
{
    public sealed class App : ApiApp;

    private const string Password = "a-long-password";

    private static int Count(JsonElement report, string name) => report.GetProperty(name).GetInt32();

    private static async Task<JsonElement> Trail(HttpClient admin, string unit) =>
        await (await admin.GetAsync($"/api/v1/audit?unit={unit}&limit=1000")).Expect(HttpStatusCode.OK);

    private static async Task<int> AuditCount(HttpClient admin, string unit) => (await Trail(admin, unit)).GetArrayLength();

    /// <summary>
    /// Waits until the unit's trail holds <paramref name="expected"/> entries: a unit hands its
    /// entries to the trail from its outbox after answering, so a count read at once can miss the newest.
    /// </summary>
    private static async Task AuditReaches(HttpClient admin, string unit, int expected, string what)
    {
        var count = 0;
        await Eventually.True(async () => (count = await AuditCount(admin, unit)) == expected, what, TimeSpan.FromSeconds(10), () => $"{count} entries");
    }

    private static async Task<int> TaskCreations(HttpClient admin, string unit) =>
        (await Trail(admin, unit)).EnumerateArray().Count(e => e.GetProperty("action").GetString() == "task.create");

    [Fact]
    public async Task A_subtree_exported_edited_in_50_cells_and_imported_exports_as_edited()
    {
        var admin = await app.Client();
        var (committee, x, y) = (Api.Id("ic"), Api.Id("ix"), Api.Id("iy"));
        await admin.CreateUnit(committee, kind: "organCommittee", name: "机关党委");
        await admin.CreateUnit(x, committee, name: "第一党支部");
        await admin.CreateUnit(y, committee, name: "第二党支部");
        var units = new[] { committee, x, y };
        for (var i = 0; i < 27; i++) await admin.CreateTask(units[i % 3], $"t{i}", track: i % 2 == 0 ? "party" : "business");
        var export = $"/api/v1/units/{committee}/tasks.xlsx?subtree=true";
        var rows = await Workbooks.Sheet(await admin.GetAsync(export));
        Assert.Equal(27, rows.Count);

        // 50 cells: 2 in each of 25 rows (title and note, status and progress, weight and due).
        var edited = rows.Select(r => r.ToDictionary(kv => kv.Key, kv => (object?)kv.Value)).ToList();
        for (var i = 0; i < 25; i++)
        {
            var row = edited[i];
            switch (i % 3)
            {
                case 0: row["任务名称"] = $"改过的任务 {i}"; row["备注"] = $"第 {i} 行的备注"; break;
                case 1: row["状态"] = "进行中"; row["进度"] = 10 + i; break;
                default: row["权重"] = 2.5; row["截止"] = new DateTime(2027, 1, 1 + i); break;
            }
        }
        var workbook = ImportBooks.Of(edited);
        await Eventually.True(async () => await TaskCreations(admin, x) == 9, "the unit's 9 task.create entries are in the trail", TimeSpan.FromSeconds(10));
        var before = await AuditCount(admin, x);

        var dry = await (await admin.Import(workbook)).Expect(HttpStatusCode.OK);
        Assert.Equal((27, 0, 25, 2, 0), (Count(dry, "rows"), Count(dry, "create"), Count(dry, "update"), Count(dry, "unchanged"), dry.GetProperty("errors").GetArrayLength()));
        Assert.True(dry.GetProperty("dryRun").GetBoolean());
        Assert.Equal(before, await AuditCount(admin, x)); // a dry run changes nothing
        Assert.Equal(rows.Select(r => r["任务名称"]), (await Workbooks.Sheet(await admin.GetAsync(export))).Select(r => r["任务名称"]));

        var applied = await (await admin.Import(workbook, dryRun: false)).Expect(HttpStatusCode.OK);
        Assert.Equal((25, 25), (Count(applied, "update"), applied.GetProperty("applied").GetArrayLength()));
        await AuditReaches(admin, x, before + 1, "one task.import entry for the unit's rows is in the trail");

        var again = await Workbooks.Sheet(await admin.GetAsync(export));
        for (var i = 0; i < 27; i++)
        {
            var changed = i < 25;
            foreach (var column in ImportBooks.Headings.Append("单位"))
            {
                var expected = column == "版本" ? (long.Parse((string)edited[i]["版本"]!) + (changed ? 1 : 0)).ToString() : edited[i][column];
                Assert.True(Equals(Normal(expected), Normal(again[i][column])), $"row {i + 2} {column}: {expected} != {again[i][column]}");
            }
        }

        // The same file again: every row unchanged, nothing recorded.
        var repeat = await (await admin.Import(workbook, dryRun: false)).Expect(HttpStatusCode.OK);
        Assert.Equal((0, 0, 27), (Count(repeat, "create"), Count(repeat, "update"), Count(repeat, "unchanged")));
        Assert.Equal(before + 1, await AuditCount(admin, x));

        // A row changed from the old export: its version is not the task's any more.
        edited[0]["任务名称"] = "又改了一次";
        var stale = await (await admin.Import(ImportBooks.Of(edited), dryRun: false)).Expect(HttpStatusCode.BadRequest);
        var error = Assert.Single(stale.GetProperty("errors").EnumerateArray());
        Assert.Equal((2, "版本"), (error.GetProperty("row").GetInt32(), error.GetProperty("column").GetString()));
        Assert.Contains("不是任务的当前版本", error.GetProperty("message").GetString());
        Assert.Equal("改过的任务 0", (await Workbooks.Sheet(await admin.GetAsync(export)))[0]["任务名称"]);
    }

    /// <summary>Numbers as numbers, blanks as null: MiniExcel reads a written 2.5 back as a double, an empty cell as null.</summary>
    private static object? Normal(object? value) => value switch
    {
        null or "" => null,
        int or long or double or decimal => Convert.ToDouble(value),
        _ => value,
    };

    [Fact]
    public async Task New_rows_are_created_and_editors_import_into_their_subtree_only()
    {
        var admin = await app.Client();
        var (committee, x, y) = (Api.Id("nc"), Api.Id("nx"), Api.Id("ny"));
        await admin.CreateUnit(committee, kind: "organCommittee", name: "机关党委");
        await admin.CreateUnit(x, committee, name: "第一党支部");
        await admin.CreateUnit(y, ApiApp.Root, name: "别的党委");
        var username = Api.Id("im-editor");
        await (await admin.PostAsJsonAsync("/api/v1/users", new { username, password = Password, displayName = "书记", role = "editor", unitId = committee })).Expect(HttpStatusCode.Created);
        var editor = app.CreateClient(await app.SignIn(username, Password));

        var workbook = ImportBooks.Of(
        [
            ImportBooks.NewRow(x, "study", "主题教育专题学习", start: "2026-03-01", due: "2026/6/30", status: "进行中", progress: 30),
            ImportBooks.NewRow(x, null, "第四季度督查自查", track: "业务"),
            ImportBooks.NewRow(y, "elsewhere", "不归我管"),
        ]);
        var refused = await (await editor.Import(workbook, dryRun: false)).Expect(HttpStatusCode.BadRequest);
        var error = Assert.Single(refused.GetProperty("errors").EnumerateArray());
        Assert.Equal((4, "单位编号"), (error.GetProperty("row").GetInt32(), error.GetProperty("column").GetString()));
        Assert.Equal(0, (await (await admin.GetAsync(Api.Tasks(x))).Expect(HttpStatusCode.OK)).GetArrayLength()); // nothing applied

        workbook = ImportBooks.Of([ImportBooks.NewRow(x, "study", "主题教育专题学习", start: "2026-03-01", due: "2026/6/30", status: "进行中", progress: 30),
            ImportBooks.NewRow(x, null, "第四季度督查自查", track: "业务")]);
        var report = await (await editor.Import(workbook, dryRun: false)).Expect(HttpStatusCode.OK);
        Assert.Equal((2, 0), (Count(report, "create"), Count(report, "update")));
        var study = await (await admin.GetAsync(Api.Task(x, "study"))).Expect(HttpStatusCode.OK);
        Assert.Equal(("2026-03-01", "2026-06-30", "inProgress", 30, "书记"), (study.GetProperty("start").GetString(), study.GetProperty("due").GetString(),
            study.GetProperty("status").GetString(), study.GetProperty("progress").GetInt32(), study.GetProperty("updatedByName").GetString()));
        var tasks = await (await admin.GetAsync(Api.Tasks(x))).Expect(HttpStatusCode.OK);
        Assert.Equal(2, tasks.GetArrayLength());

        // Blank cells keep what is stored: only 进度 changes.
        var sparse = new Dictionary<string, object?>
        {
            ["单位编号"] = x, ["任务编号"] = "study", ["任务名称"] = "", ["类别"] = "", ["权重"] = "", ["开始"] = "", ["截止"] = "",
            ["状态"] = "", ["进度"] = "60%", ["备注"] = "", ["版本"] = study.GetProperty("version").GetInt64().ToString(),
        };
        Assert.Equal(1, Count(await (await editor.Import(ImportBooks.Of([sparse]), dryRun: false)).Expect(HttpStatusCode.OK), "update"));
        var after = await (await admin.GetAsync(Api.Task(x, "study"))).Expect(HttpStatusCode.OK);
        Assert.Equal(("主题教育专题学习", "party", "2026-03-01", "2026-06-30", "inProgress", 60),
            (after.GetProperty("title").GetString(), after.GetProperty("track").GetString(), after.GetProperty("start").GetString(),
             after.GetProperty("due").GetString(), after.GetProperty("status").GetString(), after.GetProperty("progress").GetInt32()));

        // Viewers and leaders import nothing; kiosks and strangers neither.
        foreach (var role in new[] { "viewer", "leader" })
        {
            var name = Api.Id("im-" + role);
            await (await admin.PostAsJsonAsync("/api/v1/users", new { username = name, password = Password, displayName = "读者", role })).Expect(HttpStatusCode.Created);
            await (await app.CreateClient(await app.SignIn(name, Password)).Import(workbook)).Problem(HttpStatusCode.Forbidden);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateAnonymousClient().Import(workbook)).StatusCode);
    }

    [Fact]
    public async Task The_template_has_the_headings_lists_and_notes_and_no_example_row()
    {
        var admin = await app.Client();
        var response = await admin.GetAsync("/api/v1/import/template.xlsx");
        var rows = await Workbooks.Sheet(response);
        Assert.Empty(rows);
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single();
        var headings = sheet.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c => c.InnerText).ToList();
        Assert.Equal(ImportBooks.Headings, headings);
        var lists = sheet.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.DataValidation>()
            .ToDictionary(v => v.SequenceOfReferences!.InnerText!, v => v.Formula1!.Text);
        Assert.Equal(new Dictionary<string, string> { ["D2:D200001"] = "\"党建,业务\"", ["H2:H200001"] = "\"未开始,进行中,受阻,完成\"", ["L2:L200001"] = "\"按进度,到期完成\"" }, lists);
        var notes = sheet.WorksheetCommentsPart!.Comments!.Descendants<DocumentFormat.OpenXml.Spreadsheet.Comment>().ToDictionary(c => c.Reference!.Value!, c => c.InnerText);
        Assert.Equal(13, notes.Count);
        Assert.Contains("党建 或 业务", notes["D1"]);
        Assert.NotNull(sheet.VmlDrawingParts.SingleOrDefault());
        var invalid = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(invalid.Count == 0, string.Join("\n", invalid));

        // The template itself imports as nothing to do.
        var report = await (await admin.Import(await (await admin.GetAsync("/api/v1/import/template.xlsx")).Content.ReadAsByteArrayAsync())).Expect(HttpStatusCode.OK);
        Assert.Equal(0, Count(report, "rows"));
    }
}
