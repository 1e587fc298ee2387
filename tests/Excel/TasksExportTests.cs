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
