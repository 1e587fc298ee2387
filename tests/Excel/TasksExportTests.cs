using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;
using Cascade.Tests.Web;

namespace Cascade.Tests.Excel;

/// <summary>
/// docs/api.md "Excel": <c>GET /units/{id}/tasks.xlsx</c> holds exactly the tasks the task routes
/// answer, one row per task in the template's columns plus 单位 (the name path), units parents
/// first; the unit alone without <c>subtree=true</c>; people only.
/// </summary>
public sealed class TasksExportTests(TasksExportTests.App app) : IClassFixture<TasksExportTests.App>
{
    public sealed class App : ApiApp;

    [Fact]
    public async Task The_sheet_holds_every_task_of_the_subtree_as_the_api_answers_it()
    {
        var admin = await app.Client();
        var (committee, x, y) = (Api.Id("ec"), Api.Id("ex"), Api.Id("ey"));
        await admin.CreateUnit(committee, kind: "organCommittee", name: "机关党委");
        await admin.CreateUnit(x, committee, name: "第一党支部");
        await admin.CreateUnit(y, committee, name: "第二党支部");
        await admin.CreateTask(committee, "plan", track: "business", weight: 2.5, start: "2026-01-01", due: "2026-12-31", note: "全年");
        await admin.CreateTask(x, "study", start: "2026-03-01", due: "2026-09-30");
        await admin.CreateTask(x, "visit", start: "2026-02-01", due: "2026-11-30");
        (await admin.Patch(Api.Task(x, "study"), """{"status":"inProgress","progress":40,"note":"第二阶段"}""")).EnsureSuccessStatusCode();
        (await admin.Patch(Api.Task(x, "visit"), """{"status":"blocked","tags":["四强","锐科技·心服务"]}""")).EnsureSuccessStatusCode();

        var rows = await Workbooks.Sheet(await admin.GetAsync($"/api/v1/units/{committee}/tasks.xlsx?subtree=true"));
        Assert.Equal([committee, x, x], rows.Select(r => (string)r["单位编号"]));
        Assert.Equal(["单位编号", "任务编号", "任务名称", "类别", "权重", "开始", "截止", "状态", "进度", "备注", "标签", "期望", "版本", "单位"], rows[0].Keys);
        foreach (var row in rows)
        {
            var unit = (string)row["单位编号"];
            var task = await (await admin.GetAsync($"/api/v1/units/{unit}/tasks/{row["任务编号"]}")).Expect(HttpStatusCode.OK);
            Assert.Equal(task.GetProperty("title").GetString(), row["任务名称"]);
            Assert.Equal(task.GetProperty("track").GetString() == "party" ? "党建" : "业务", row["类别"]);
            Assert.Equal(task.GetProperty("weight").GetDouble(), Convert.ToDouble(row["权重"]));
            Assert.Equal(DateTime.Parse(task.GetProperty("start").GetString()!), (DateTime)row["开始"]);
            Assert.Equal(DateTime.Parse(task.GetProperty("due").GetString()!), (DateTime)row["截止"]);
            var status = new Dictionary<string, string> { ["notStarted"] = "未开始", ["inProgress"] = "进行中", ["blocked"] = "受阻", ["done"] = "完成" };
            Assert.Equal(status[task.GetProperty("status").GetString()!], row["状态"]);
            Assert.Equal(task.GetProperty("progress").GetInt32(), Convert.ToInt32(row["进度"]));
            Assert.Equal(task.GetProperty("note").GetString(), row["备注"] as string ?? "");
            Assert.Equal(task.GetProperty("version").GetInt64().ToString(), row["版本"]?.ToString());
            Assert.Equal("按进度", row["期望"]);
            Assert.Equal(string.Join("、", task.GetProperty("tags").EnumerateArray().Select(t => t.GetString())), row["标签"] as string ?? "");
        }
        Assert.Equal($"{ApiAppRootName(rows)}/机关党委/第一党支部", rows[1]["单位"]);
        Assert.EndsWith("/机关党委", (string)rows[0]["单位"]);

        // Without subtree: the unit's own tasks only.
        rows = await Workbooks.Sheet(await admin.GetAsync($"/api/v1/units/{x}/tasks.xlsx"));
        Assert.Equal(["study", "visit"], rows.Select(r => (string)r["任务编号"]).Order());
        Assert.Empty(await Workbooks.Sheet(await admin.GetAsync($"/api/v1/units/{y}/tasks.xlsx?subtree=true")));
        // With a label: only the tasks carrying it.
        rows = await Workbooks.Sheet(await admin.GetAsync($"/api/v1/units/{committee}/tasks.xlsx?subtree=true&tag={Uri.EscapeDataString(" 四强 ")}"));
        Assert.Equal(["visit"], rows.Select(r => (string)r["任务编号"]));
        Assert.Equal("四强、锐科技·心服务", rows[0]["标签"]);
    }

    [Fact]
    public async Task Each_rows_expectation_is_the_tasks_own_and_imports_back_unchanged_or_sets_it()
    {
        var admin = await app.Client();
        var (committee, x) = (Api.Id("xc"), Api.Id("xx"));
        await admin.CreateUnit(committee, kind: "organCommittee", name: "机关党委");
        await admin.CreateUnit(x, committee, name: "第一党支部");
        await admin.CreateTask(x, "plan");
        await (await admin.PostAsJsonAsync(Api.Tasks(x), new { id = "meeting", title = "支部委员会", track = "party", start = "2026-06-01", due = "2026-06-30", expectation = "atDue" }))
            .Expect(HttpStatusCode.Created);
        var day = Api.Id("xd");
        await (await admin.PostAsJsonAsync("/api/v1/directives", new
        {
            id = day, issuerUnitId = committee, title = "主题党日", track = "party", start = "2026-06-01", due = "2026-06-30", expectation = "atDue",
            targets = new { unitIds = new[] { x } },
        })).Expect(HttpStatusCode.Created);

        var export = $"/api/v1/units/{committee}/tasks.xlsx?subtree=true";
        var rows = (await Workbooks.Sheet(await admin.GetAsync(export))).Select(r => r.ToDictionary(kv => kv.Key, kv => (object?)kv.Value)).ToList();
        Assert.Equal(new Dictionary<string, string> { ["plan"] = "按进度", ["meeting"] = "到期完成", [day] = "到期完成" },
            rows.ToDictionary(r => (string)r["任务编号"]!, r => (string)r["期望"]!));

        // The sheet as exported: every row unchanged, atDue ones too (a copy's owned 期望 included).
        var again = await (await admin.Import(ImportBooks.Of(rows), dryRun: false)).Expect(HttpStatusCode.OK);
        Assert.Equal((0, 0, 3, 0), (again.GetProperty("create").GetInt32(), again.GetProperty("update").GetInt32(),
            again.GetProperty("unchanged").GetInt32(), again.GetProperty("errors").GetArrayLength()));

        // 到期完成 sets it, 按进度 clears it, a blank cell keeps it; a new row is 按进度 unless it says 到期完成.
        Dictionary<string, object?> Row(string id) => rows.Single(r => (string)r["任务编号"]! == id);
        Row("plan")["期望"] = "到期完成";
        Row("meeting")["期望"] = "";
        Row("meeting")["任务名称"] = "支部委员会（六月）";
        var visit = ImportBooks.NewRow(x, "visit", "走访企业");
        visit["期望"] = "";
        visit["单位"] = "";
        var lesson = ImportBooks.NewRow(x, "lesson", "党课");
        lesson["期望"] = "到期完成";
        lesson["单位"] = "";
        var sheet = rows.Where(r => (string)r["任务编号"]! != day).Append(visit).Append(lesson);
        var applied = await (await admin.Import(ImportBooks.Of(sheet), dryRun: false)).Expect(HttpStatusCode.OK);
        Assert.Equal((2, 2), (applied.GetProperty("create").GetInt32(), applied.GetProperty("update").GetInt32()));
        async Task<string> Expectation(string id) => (await (await admin.GetAsync(Api.Task(x, id))).Expect(HttpStatusCode.OK)).GetProperty("expectation").GetString()!;
        Assert.Equal(["atDue", "atDue", "linear", "atDue"], [await Expectation("plan"), await Expectation("meeting"), await Expectation("visit"), await Expectation("lesson")]);

        // A copy's 期望 is its directive's: a row changing it is refused and applies nothing.
        Row(day)["期望"] = "按进度";
        var refused = await (await admin.Import(ImportBooks.Of([Row(day)]), dryRun: false)).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("expectation", Assert.Single(refused.GetProperty("errors").EnumerateArray()).GetProperty("message").GetString());
        Assert.Equal("atDue", await Expectation(day));

        // Exported again, the sheet says what is stored.
        rows = (await Workbooks.Sheet(await admin.GetAsync(export))).Select(r => r.ToDictionary(kv => kv.Key, kv => (object?)kv.Value)).ToList();
        Assert.Equal(new Dictionary<string, string> { ["plan"] = "到期完成", ["meeting"] = "到期完成", ["visit"] = "按进度", ["lesson"] = "到期完成", [day] = "到期完成" },
            rows.ToDictionary(r => (string)r["任务编号"]!, r => (string)r["期望"]!));
    }

    private static string ApiAppRootName(List<IDictionary<string, object>> rows) => ((string)rows[0]["单位"])[..((string)rows[0]["单位"]).LastIndexOf('/')];

    [Fact]
    public async Task Bad_input_and_kiosks_are_refused()
    {
        var admin = await app.Client();
        var unit = Api.Id("eb");
        await admin.CreateUnit(unit, name: "党支部");
        await (await admin.GetAsync($"/api/v1/units/{unit}/tasks.xlsx?subtree=maybe")).Invalid("subtree");
        await (await admin.GetAsync($"/api/v1/units/{unit}/tasks.xlsx?subtree=true&subtree=false")).Invalid("subtree");
        await (await admin.GetAsync($"/api/v1/units/{unit}/tasks.xlsx?tag=a&tag=b")).Invalid("tag");
        await (await admin.GetAsync("/api/v1/units/no-such-unit/tasks.xlsx")).Problem(HttpStatusCode.NotFound);
        await (await admin.GetAsync("/api/v1/units/NOT_AN_ID/tasks.xlsx")).Problem(HttpStatusCode.NotFound);
        var kiosk = (await (await admin.PostAsJsonAsync("/api/v1/kiosks", new { name = "大屏", unitId = unit, depth = 1 })).Expect(HttpStatusCode.Created))
            .GetProperty("token").GetString()!;
        await (await app.CreateAnonymousClient().GetAsync($"/api/v1/units/{unit}/tasks.xlsx?kiosk={Uri.EscapeDataString(kiosk)}")).Problem(HttpStatusCode.Forbidden);
        await (await app.CreateAnonymousClient().GetAsync($"/api/v1/units/{unit}/tasks.xlsx")).Problem(HttpStatusCode.Unauthorized);
    }
}
