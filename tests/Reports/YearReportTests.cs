using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Schedules;
using Cascade.Tests.Support;
using Cascade.Tests.Web;

namespace Cascade.Tests.Reports;

/// <summary>
/// The year report's every figure equals what the API answers for the same year (docs/api.md
/// "Year report"): a committee, two branches and a group under one of them, with tasks due in
/// 2026 and 2027 (done on time, done late, overdue, archived once 2027 begins, tagged), a
/// directive's copies, a quarterly schedule's instances, alerts raised and history points at
/// month ends; the clock walks from 2026-06-15 to 2027-01-01 (Asia/Shanghai). Each row is checked
/// against a recomputation from the task, alert and history routes; its xlsx against its JSON.
/// </summary>
public sealed class YearReportTests(YearReportTests.App app) : IClassFixture<YearReportTests.App>
{
    public sealed class App() : ApiApp(new()
    {
        ["Cascade:Directives:ScheduleCheck"] = "00:00:00.100",
        ["Cascade:History:Check"] = "00:00:00.100",
        ["Cascade:Alerts:EscalateAfter"] = "365.00:00:00",
    });

    private void SetLocal(DateOnly day, int hour, int minute) =>
        app.Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, minute)), ReportRecount.Zone.BaseUtcOffset).ToUniversalTime());

    private static async Task<JsonElement> Get(HttpClient client, string url) => await (await client.GetAsync(url)).Expect(HttpStatusCode.OK);

    private static Task Done(HttpClient client, string unit, string task) =>
        client.Patch(Api.Task(unit, task), """{"status":"done","progress":100}""").ContinueWith(r => r.Result.Expect(HttpStatusCode.OK)).Unwrap();

    private static async Task Tagged(HttpClient client, string unit, string id, string track, string start, string due, params string[] tags) =>
        await (await client.PostAsJsonAsync(Api.Tasks(unit), new { id, title = $"任务 {id}", track, weight = 1, start, due, tags })).Expect(HttpStatusCode.Created);

    private static async Task<bool> HasPoint(HttpClient client, string unit, DateOnly day)
    {
        var d = day.ToString("yyyy-MM-dd");
        var history = await Get(client, $"{Api.Units}/{unit}/history?from={d}&to={d}");
        return history.GetProperty("days")[0].GetProperty("figures").ValueKind == JsonValueKind.Object;
    }

    [Fact]
    public async Task Every_figure_equals_a_recomputation_from_the_tasks_alerts_and_history_routes()
    {
        var client = await app.Client();
        var c = Api.Id("yr-c");
        var (b1, b2, g) = (Api.Id("yr-b"), Api.Id("yr-b"), Api.Id("yr-g"));
        await client.CreateUnit(c, kind: "organCommittee", name: "机关党委");
        await client.CreateUnit(b1, c, name: "第一党支部");
        await client.CreateUnit(b2, c, name: "第二党支部");
        await client.CreateUnit(g, b1, "office", "第一党小组");

        // 2026-06-15 (the app's start): 2026's tasks and one of 2027's.
        await Tagged(client, b1, "a", "party", "2026-06-01", "2026-06-20");
        await Done(client, b1, "a");                                             // on time
        await Tagged(client, b1, "b", "business", "2026-06-01", "2026-06-16", "效能目标考核");
        await Tagged(client, b1, "c", "party", "2026-06-01", "2026-06-16");        // never done: overdue
        await Tagged(client, b2, "d", "business", "2026-06-01", "2027-03-31", "锐科技·心服务");
        await Done(client, b2, "d");                                             // 2027's, done early
        await Tagged(client, g, "e", "party", "2026-06-01", "2026-06-30", "效能目标考核");
        await Done(client, g, "e");                                              // archived in 2027
        await Tagged(client, b2, "f", "business", "2026-06-01", "2026-12-31");     // overdue at the year's end
        var directive = Api.Id("yr-d");
        await (await client.PostAsJsonAsync("/api/v1/directives", new
        {
            id = directive, issuerUnitId = c, title = "主题教育专题学习", track = "party", weight = 1, start = "2026-06-01", due = "2026-06-25",
            tags = new[] { "四强" }, targets = new { unitIds = new[] { b1, b2 } },
        })).Expect(HttpStatusCode.Created);
        await Done(client, b1, directive);
        var schedule = Api.Id("yr-dk");
        await (await client.PostAsJsonAsync(SchedulesApiTests.Schedules,
            SchedulesApiTests.Body(schedule, c, new { unitIds = new[] { b1, b2 } }, every: "quarter"))).Expect(HttpStatusCode.Created);
        await Done(client, b1, $"{schedule}-2026-q2");

        // Late: b is done two days after its due date.
        SetLocal(new DateOnly(2026, 6, 17), 9, 0);
        await Done(client, b1, "b");

        // June ends: its point, and the third quarter's instances.
        var july = new DateOnly(2026, 7, 1);
        SetLocal(july, 0, 10);
        await Eventually.True(() => HasPoint(client, c, july), "the points of 2026-07-01", TimeSpan.FromSeconds(30));
        await Eventually.True(async () => (await client.GetAsync(Api.Task(b2, $"{schedule}-2026-q3"))).StatusCode == HttpStatusCode.OK, "q3's instance");
        await Done(client, b2, $"{schedule}-2026-q3");

        // 2027 begins: 2026's done tasks are archived; a task of 2027 not done yet.
        var newYear = new DateOnly(2027, 1, 1);
        SetLocal(newYear, 0, 10);
        await Eventually.True(() => HasPoint(client, c, newYear), "the points of 2027-01-01", TimeSpan.FromSeconds(30));
        await Tagged(client, b1, "h", "party", "2027-01-01", "2027-01-31", "效能目标考核");
        Assert.Contains((await Get(client, $"{Api.Tasks(g)}?archived=true")).EnumerateArray(), t => t.GetProperty("id").GetString() == "e");

        var units = new Dictionary<string, string[]> { [c] = [c, b1, g, b2], [b1] = [b1, g], [g] = [g], [b2] = [b2] };
        foreach (var year in new[] { 2026, 2027 })
        {
            JsonElement report = default;
            var mismatch = "";
            await Eventually.True(async () =>
            {
                report = await Get(client, $"{Api.Units}/{c}/report?year={year}&depth=2");
                foreach (var row in report.GetProperty("rows").EnumerateArray())
                    if (await SameAlerts(client, row, year) is { } differs) { mismatch = differs; return false; }
                return true;
            }, $"{year}: the alerts raised are recorded", TimeSpan.FromSeconds(30), () => mismatch);
            Assert.Equal([c, b1, g, b2], report.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("unitId").GetString()!));
            var cut = report.GetProperty("cut").GetDateTimeOffset();
            Assert.Equal(year == 2026 ? ReportRecount.Midnight(newYear) : app.Clock.GetUtcNow(), cut, TimeSpan.FromSeconds(1));
            foreach (var row in report.GetProperty("rows").EnumerateArray())
            {
                var unit = row.GetProperty("unitId").GetString()!;
                var tasks = new List<JsonElement>();
                foreach (var u in units[unit])
                {
                    tasks.AddRange((await Get(client, Api.Tasks(u))).EnumerateArray());
                    tasks.AddRange((await Get(client, $"{Api.Tasks(u)}?archived=true")).EnumerateArray());
                }
                ReportChecks.SameTasks(row, [.. tasks.Where(t => ReportRecount.OfYear(t, year))], cut, $"{year} {unit}");
                await ReportChecks.SameMonths(client, row, year);
            }
            await ReportChecks.SameSheets(client, report, $"{Api.Units}/{c}/report.xlsx?year={year}&depth=2");
        }

        // 2026 for the committee, by hand: a, b (late), c (overdue), e, f (overdue), two copies (one overdue), four duty instances (q2, q3; two overdue).
        var all2026 = (await Get(client, $"{Api.Units}/{c}/report?year=2026&depth=0")).GetProperty("rows")[0];
        var duty = all2026.GetProperty("duties")[0];
        var dutyDue = duty.GetProperty("due").GetInt32();
        Assert.Equal(4, dutyDue); // q2's and q3's; q4 passed while the clock jumped: none
        Assert.Equal((2, 2), (duty.GetProperty("done").GetInt32(), duty.GetProperty("doneOnTime").GetInt32()));
        Assert.Equal(new ReportRecount.Counts(7 + dutyDue, 6, 5, 3 + dutyDue - 2), ReportRecount.Read(all2026.GetProperty("tasks").GetProperty("all")));
        Assert.Equal(new ReportRecount.Counts(2, 1, 1, 1), ReportRecount.Read(all2026.GetProperty("directives")));
        var efficiency = all2026.GetProperty("tags").EnumerateArray().Single(t => t.GetProperty("tag").GetString() == "效能目标考核");
        Assert.Equal(new ReportRecount.Counts(2, 2, 1, 0), ReportRecount.Read(efficiency.GetProperty("tasks").GetProperty("all")));

        // A year with no data: 200 and zeros.
        var empty = await Get(client, $"{Api.Units}/{c}/report?year=2024");
        foreach (var row in empty.GetProperty("rows").EnumerateArray())
        {
            Assert.Equal(new ReportRecount.Counts(0, 0, 0, 0), ReportRecount.Read(row.GetProperty("tasks").GetProperty("all")));
            Assert.Equal(new ReportRecount.Counts(0, 0, 0, 0), ReportRecount.Read(row.GetProperty("directives")));
            Assert.Equal(0, row.GetProperty("duties").GetArrayLength() + row.GetProperty("alerts").GetArrayLength() + row.GetProperty("tags").GetArrayLength());
            Assert.All(row.GetProperty("months").EnumerateArray(), m => Assert.Equal(JsonValueKind.Null, m.GetProperty("progress").ValueKind));
        }
    }

    /// <summary>The row's alerts by rule equal those the alert route lists for its subtree (every state) that fired in the year.</summary>
    private static async Task<string?> SameAlerts(HttpClient client, JsonElement row, int year)
    {
        var unit = row.GetProperty("unitId").GetString();
        var listed = await Get(client, $"/api/v1/alerts?unit={unit}&subtree=true&state=firing&state=acknowledged&state=resolved");
        var (from, to) = (ReportRecount.Midnight(new DateOnly(year, 1, 1)), ReportRecount.Midnight(new DateOnly(year + 1, 1, 1)));
        var expected = listed.EnumerateArray()
            .DistinctBy(a => (a.GetProperty("unitId").GetString(), a.GetProperty("id").GetString()))
            .Where(a => a.GetProperty("firedAt").GetDateTimeOffset() is var at && at >= from && at < to)
            .GroupBy(a => a.GetProperty("rule").GetString()!)
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => $"{r.Key}:{r.Count()}");
        var reported = row.GetProperty("alerts").EnumerateArray()
            .Select(a => $"{a.GetProperty("rule").GetString()}:{a.GetProperty("raised").GetInt32()}");
        var (want, got) = (string.Join(",", expected), string.Join(",", reported));
        return want == got ? null : $"{unit}: the alert route {want}, the report {got}";
    }
}
