using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;
using Cascade.Tests.Web;
using MiniExcelLibs;

namespace Cascade.Tests.Inspections;

/// <summary>
/// docs/api.md "Inspections": <c>GET /inspections/{id}/report.xlsx</c> opened with MiniExcel holds the
/// sheets 汇总, 任务台账, 预警 and 对比, each row equal to what the inspection's own routes answer
/// (the frozen tree, tasks and alerts, and compare with the previous inspection of the scope).
/// </summary>
public sealed class InspectionReportTests(InspectionReportTests.App app) : IClassFixture<InspectionReportTests.App>
{
    public sealed class App : ApiApp;

    private static string Report(string id, string query = "") => $"{Inspect.Route}/{id}/report.xlsx{query}";

    /// <summary>A committee with two branches: tasks in each, one blocked (an open alert).</summary>
    private async Task<(HttpClient Client, string Committee, string First, string Second)> Department()
    {
        var client = await app.Client();
        var (committee, first, second) = (Api.Id("rc"), Api.Id("rx"), Api.Id("ry"));
        await client.CreateUnit(committee, kind: "organCommittee", name: "机关党委");
        await client.CreateUnit(first, committee, name: "第一党支部");
        await client.CreateUnit(second, committee, name: "第二党支部");
        await client.CreateTask(committee, "plan", track: "business", weight: 2);
        await client.CreateTask(first, "study");
        await client.CreateTask(first, "visit", track: "business");
        await client.CreateTask(second, "lesson");
        (await client.Patch(Api.Task(first, "study"), """{"status":"inProgress","progress":40}""")).EnsureSuccessStatusCode();
        (await client.Patch(Api.Task(second, "lesson"), """{"status":"blocked"}""")).EnsureSuccessStatusCode();
        await Eventually.True(async () => (await (await client.GetAsync($"/api/v1/alerts?unit={second}")).Expect(HttpStatusCode.OK))
            .EnumerateArray().Any(a => a.GetProperty("rule").GetString() == "taskBlocked"), "the blocked task's alert");
        return (client, committee, first, second);
    }

    private static async Task<byte[]> Workbook(HttpClient client, string url)
    {
        var answer = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(Workbooks.ContentType, answer.Content.Headers.ContentType?.MediaType);
        Assert.True(answer.Headers.CacheControl?.NoStore);
        return await answer.Content.ReadAsByteArrayAsync();
    }

    private static List<IDictionary<string, object>> Sheet(byte[] workbook, string name)
    {
        using var stream = new MemoryStream(workbook);
        return [.. stream.Query(useHeaderRow: true, sheetName: name, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>()];
    }

    private static double? Fraction(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : Math.Round(e.GetDouble(), 4);

    private static double? Cell(object? value) => value is null or "" ? null : Math.Round(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), 4);

    private static int? Count(object? value) => value is null or "" ? null : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<JsonElement> Flatten(JsonElement node) =>
        new[] { node }.Concat(node.GetProperty("children").EnumerateArray().SelectMany(Flatten));

    [Fact]
    public async Task The_four_sheets_hold_what_the_inspection_routes_answer()
    {
        var (client, committee, first, second) = await Department();
        var earlier = Api.Id("dc");
        await Inspect.Capture(client, earlier, committee);
        (await client.Patch(Api.Task(first, "study"), """{"status":"done","progress":100}""")).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromDays(20));
        var id = Api.Id("dc");
        await Inspect.Capture(client, id, committee);

        var book = await Workbook(client, Report(id));
        using (var stream = new MemoryStream(book)) Assert.Equal(["汇总", "任务台账", "预警", "对比"], stream.GetSheetNames());

        // 汇总: the frozen tree, unit by unit in its order.
        var tree = await (await client.GetAsync($"{Inspect.Route}/{id}/tree?depth=1")).Expect(HttpStatusCode.OK);
        var nodes = Flatten(tree).ToList();
        var summaries = Sheet(book, "汇总");
        Assert.Equal(nodes.Select(n => n.GetProperty("id").GetString()), summaries.Select(r => (string)r["单位编号"]));
        Assert.Equal(["机关党委", "机关党委/第一党支部", "机关党委/第二党支部"], summaries.Select(r => (string)r["单位"]));
        foreach (var (node, row) in nodes.Zip(summaries))
        {
            var s = node.GetProperty("summary");
            var all = s.GetProperty("all");
            Assert.Equal(Fraction(all.GetProperty("progress")), Cell(row["总体进度"]));
            Assert.Equal(Fraction(all.GetProperty("expected")), Cell(row["应达进度"]));
            Assert.Equal(Fraction(s.GetProperty("lag")), Cell(row["进度落后"]));
            Assert.Equal(all.GetProperty("count").GetInt32(), Count(row["任务数"]));
            Assert.Equal(all.GetProperty("done").GetInt32(), Count(row["完成"]));
            Assert.Equal(all.GetProperty("overdue").GetInt32(), Count(row["逾期"]));
            Assert.Equal(all.GetProperty("blocked").GetInt32(), Count(row["受阻"]));
            Assert.Equal(s.GetProperty("openAlerts").GetInt32(), Count(row["未解除预警"]));
            var health = s.GetProperty("health").GetString();
            Assert.Equal(health switch { "green" => "正常", "amber" => "关注", "red" => "滞后", _ => "无任务" }, row["健康"]);
        }

        // 任务台账: every frozen task of those units, as the tasks route answers them.
        var tasks = Sheet(book, "任务台账");
        var frozen = new List<(string Unit, JsonElement Task)>();
        foreach (var unit in new[] { committee, first, second })
            foreach (var t in (await (await client.GetAsync($"{Inspect.Route}/{id}/units/{unit}/tasks")).Expect(HttpStatusCode.OK)).EnumerateArray())
                frozen.Add((unit, t));
        Assert.Equal(frozen.Select(f => (f.Unit, f.Task.GetProperty("id").GetString()!)), tasks.Select(r => ((string)r["单位编号"], (string)r["任务编号"])));
        foreach (var ((_, t), row) in frozen.Zip(tasks))
        {
            Assert.Equal(t.GetProperty("title").GetString(), row["任务名称"]);
            Assert.Equal(t.GetProperty("progress").GetInt32(), Count(row["进度"]));
            Assert.Equal(t.GetProperty("status").GetString() switch { "notStarted" => "未开始", "inProgress" => "进行中", "blocked" => "受阻", _ => "完成" }, row["状态"]);
            Assert.Equal(t.GetProperty("overdue").GetBoolean() ? "是" : "否", row["逾期"]);
        }
        Assert.Equal("完成", tasks.Single(r => (string)r["任务编号"] == "study")["状态"]); // this inspection's, not the earlier one's

        // 预警: the units' own open alerts when asked.
        var alerts = new List<string>();
        foreach (var unit in new[] { committee, first, second })
            alerts.AddRange((await (await client.GetAsync($"{Inspect.Route}/{id}/units/{unit}/alerts")).Expect(HttpStatusCode.OK))
                .EnumerateArray().Select(a => a.GetProperty("id").GetString()!));
        Assert.NotEmpty(alerts);
        Assert.Equal(alerts, Sheet(book, "预警").Select(r => (string)r["预警编号"]));

        // 对比: the earlier inspection against this one, as compare answers it.
        var comparison = await (await client.GetAsync($"{Inspect.Route}/compare?from={earlier}&to={id}&depth=1")).Expect(HttpStatusCode.OK);
        var compared = Sheet(book, "对比");
        var units = comparison.GetProperty("units").EnumerateArray().ToList();
        Assert.Equal(units.Select(u => u.GetProperty("unitId").GetString()), compared.Select(r => (string)r["单位编号"]));
        foreach (var (unit, row) in units.Zip(compared))
        {
            Assert.Contains(earlier, (string)row["上次督查"]);
            foreach (var (field, heading) in new[] { ("progress", "总体进度"), ("expected", "应达进度"), ("lag", "进度落后") })
            {
                Assert.Equal(Fraction(unit.GetProperty("from").GetProperty(field)), Cell(row[$"上次{heading}"]));
                Assert.Equal(Fraction(unit.GetProperty("to").GetProperty(field)), Cell(row[$"本次{heading}"]));
                Assert.Equal(Fraction(unit.GetProperty("delta").GetProperty(field)), Cell(row[$"{heading}变化"]));
            }
            foreach (var (field, heading) in new[] { ("count", "任务数"), ("done", "完成"), ("overdue", "逾期"), ("blocked", "受阻") })
                Assert.Equal(unit.GetProperty("delta").GetProperty(field).GetInt32(), Count(row[$"{heading}变化"]));
        }
        Assert.Equal(1, Count(compared.Single(r => (string)r["单位编号"] == first)["完成变化"]));
    }

    [Fact]
    public async Task The_first_inspection_of_a_scope_says_there_is_nothing_to_compare_and_unit_and_depth_narrow_it()
    {
        var (client, committee, first, _) = await Department();
        var id = Api.Id("dc");
        await Inspect.Capture(client, id, committee);

        var book = await Workbook(client, Report(id, "?depth=0"));
        Assert.Equal([committee], Sheet(book, "汇总").Select(r => (string)r["单位编号"]));
        Assert.Equal(["plan"], Sheet(book, "任务台账").Select(r => (string)r["任务编号"]));
        var none = Assert.Single(Sheet(book, "对比"));
        Assert.Contains("没有更早的同范围督查", (string)none["说明"]);

        book = await Workbook(client, Report(id, $"?unit={first}&depth=3"));
        Assert.Equal([first], Sheet(book, "汇总").Select(r => (string)r["单位编号"]));
        Assert.Equal(["study", "visit"], Sheet(book, "任务台账").Select(r => (string)r["任务编号"]).Order());
    }

    [Fact]
    public async Task Unknown_inspections_units_outside_it_and_bad_depths_are_refused()
    {
        var (client, committee, _, _) = await Department();
        var id = Api.Id("dc");
        await Inspect.Capture(client, id, committee);
        await (await client.GetAsync(Report(Api.Id("nope")))).Problem(HttpStatusCode.NotFound);
        await (await client.GetAsync(Report("Bad Id"))).Problem(HttpStatusCode.NotFound);
        await (await client.GetAsync(Report(id, "?unit=elsewhere"))).Problem(HttpStatusCode.NotFound);
        await (await client.GetAsync(Report(id, "?unit=Bad%20Id"))).Problem(HttpStatusCode.NotFound);
        await (await client.GetAsync(Report(id, "?depth=11"))).Invalid("depth");
        await (await client.GetAsync(Report(id, "?depth=-1"))).Invalid("depth");
        await (await client.GetAsync(Report(id, "?depth=x"))).Invalid("depth");
    }
}
