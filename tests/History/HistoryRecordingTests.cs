using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;
using Cascade.Tests.Web;

namespace Cascade.Tests.History;

/// <summary>
/// The daily points (docs/domain.md "History"), through the API, with the domain clock moved over
/// midnights from 2026-06-15 10:00 (Asia/Shanghai): every unit at depth 3 or above gets exactly one
/// point a day holding the figures its summary had; a day whose first hour passed while the clock
/// was elsewhere has none; a unit moved or renamed keeps its old structure in old days' trees.
/// Tasks here keep their figures from day to day (windows that ended, <c>atDue</c> ones far ahead,
/// no escalation), so the summary read after a midnight is the one the day grain read.
/// </summary>
public sealed class HistoryRecordingTests(HistoryRecordingTests.App app) : IClassFixture<HistoryRecordingTests.App>
{
    public sealed class App() : ApiApp(new()
    {
        ["Cascade:History:Check"] = "00:00:00.100",
        ["Cascade:Alerts:EscalateAfter"] = "365.00:00:00",
    });

    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private const string Root = ApiApp.Root;

    private void SetLocal(DateOnly day, int hour, int minute) =>
        app.Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, minute)), Zone.BaseUtcOffset).ToUniversalTime());

    private static string D(DateOnly day) => day.ToString("yyyy-MM-dd");

    private static async Task<JsonElement> Get(HttpClient client, string url) => await (await client.GetAsync(url)).Expect(HttpStatusCode.OK);

    private static async Task<Dictionary<string, JsonElement>> Summaries(HttpClient client, IEnumerable<string> units)
    {
        var read = new Dictionary<string, JsonElement>();
        foreach (var u in units) read[u] = await Get(client, $"{Api.Units}/{u}/summary");
        return read;
    }

    /// <summary>Waits until every summary stays the same for a second (roll-up and alerts settled).</summary>
    private static async Task<Dictionary<string, JsonElement>> Settled(HttpClient client, IReadOnlyList<string> units)
    {
        string Key(Dictionary<string, JsonElement> s) => string.Join("|", s.Select(p => Strip(p.Value)));
        var last = "";
        for (var i = 0; i < 60; i++)
        {
            var now = await Summaries(client, units);
            if (Key(now) == last) return now;
            last = Key(now);
            await Task.Delay(1000);
        }
        throw new TimeoutException("the summaries did not settle");
    }

    private static string Strip(JsonElement summary) =>
        string.Join(",", summary.EnumerateObject().Where(p => p.Name is not ("version" or "computedAt")).Select(p => p.Value.GetRawText()));

    private static double? Fraction(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : Math.Round(e.GetDouble() * 10_000) / 10_000;

    /// <summary>The figures of a point equal the summary's, fractions at the store's four decimals.</summary>
    private static void SameFigures(JsonElement summary, JsonElement figures, string what)
    {
        Assert.True(figures.ValueKind == JsonValueKind.Object, $"{what}: no point");
        Assert.Equal(summary.GetProperty("health").GetString(), figures.GetProperty("health").GetString());
        foreach (var name in new[] { "lag", "imbalance" })
            Assert.Equal(Fraction(summary.GetProperty(name)), Fraction(figures.GetProperty(name)));
        Assert.Equal(summary.GetProperty("openAlerts").GetInt32(), figures.GetProperty("openAlerts").GetInt32());
        foreach (var name in new[] { "count", "done", "overdue", "blocked" })
            Assert.Equal(summary.GetProperty("all").GetProperty(name).GetInt32(), figures.GetProperty(name).GetInt32());
        foreach (var track in new[] { "party", "business", "all" })
            foreach (var name in new[] { "progress", "expected" })
                Assert.Equal(Fraction(summary.GetProperty(track).GetProperty(name)), Fraction(figures.GetProperty(track).GetProperty(name)));
    }

    private static List<JsonElement> Nodes(JsonElement tree)
    {
        var all = new List<JsonElement> { tree };
        foreach (var child in tree.GetProperty("children").EnumerateArray()) all.AddRange(Nodes(child));
        return all;
    }

    private static async Task<bool> Recorded(HttpClient client, DateOnly day, int units)
    {
        var response = await client.GetAsync($"{Api.Units}/{Root}/tree?asOf={D(day)}&depth=10");
        return response.StatusCode == HttpStatusCode.OK && Nodes(await response.Expect(HttpStatusCode.OK)).Count == units;
    }

    private static JsonElement Node(JsonElement tree, string id) => Nodes(tree).Single(n => n.GetProperty("id").GetString() == id);

    [Fact]
    public async Task Midnights_give_one_point_per_unit_and_day_with_its_summary_and_its_structure_then()
    {
        var client = await app.Client();
        string[] units = [Root, "c", "b1", "b2", "g"]; // depths 0..3; "x" at depth 4 keeps none
        await client.CreateUnit("c", Root, "organCommittee", "机关党委");
        await client.CreateUnit("b1", "c", name: "第一党支部");
        await client.CreateUnit("b2", "c", name: "第二党支部");
        await client.CreateUnit("g", "b1", "branch", "第一党小组");
        await client.CreateUnit("x", "g", "office", "办公室");
        // Figures that stay the same from day to day: a window that ended (done, overdue), atDue ones far ahead.
        await client.CreateTask("b1", "t1", start: "2026-06-01", due: "2026-06-10");
        await (await client.Patch(Api.Task("b1", "t1"), """{"status":"done","progress":100}""")).Expect(HttpStatusCode.OK);
        await client.CreateTask("g", "t2", track: "business", start: "2026-06-01", due: "2026-06-12");
        await (await client.Patch(Api.Task("g", "t2"), """{"status":"inProgress","progress":50}""")).Expect(HttpStatusCode.OK);
        await (await client.PostAsJsonAsync(Api.Tasks("b2"), new { id = "t3", title = "年度任务", track = "business", weight = 2, start = "2026-06-01", due = "2026-12-31", expectation = "atDue" }))
            .Expect(HttpStatusCode.Created);
        await (await client.Patch(Api.Task("b2", "t3"), """{"status":"blocked","progress":30}""")).Expect(HttpStatusCode.OK);
        await (await client.PostAsJsonAsync(Api.Tasks("x"), new { id = "t4", title = "下级任务", track = "party", weight = 1, start = "2026-06-01", due = "2026-12-31", expectation = "atDue" }))
            .Expect(HttpStatusCode.Created);
        var first = await Settled(client, units);

        // 2026-06-15 began while "down" (the app started at 10:00): no point. The next midnight takes one.
        var day1 = new DateOnly(2026, 6, 16);
        SetLocal(day1, 0, 10);
        await Eventually.True(() => Recorded(client, day1, units.Length), "the points of 06-16 are stored", TimeSpan.FromSeconds(30));

        // Renamed and moved after the first day's points.
        await (await client.Patch($"{Api.Units}/b2", """{"name":"第二党支部（更名）"}""", "application/merge-patch+json")).Expect(HttpStatusCode.OK);
        await (await client.Patch($"{Api.Units}/g", """{"parentId":"b2"}""", "application/merge-patch+json")).Expect(HttpStatusCode.OK);
        var second = await Settled(client, units);
        var day2 = day1.AddDays(1);
        SetLocal(day2, 0, 20);
        await Eventually.True(() => Recorded(client, day2, units.Length), "the points of 06-17 are stored", TimeSpan.FromSeconds(30));

        // 06-18 passes entirely and 06-19 is first seen at 03:00, past its window: no points for either.
        SetLocal(day2.AddDays(2), 3, 0);
        await Task.Delay(1500);
        var day5 = day2.AddDays(3);
        SetLocal(day5, 0, 5);
        await Eventually.True(() => Recorded(client, day5, units.Length), "the points of 06-20 are stored", TimeSpan.FromSeconds(30));

        DateOnly[] recorded = [day1, day2, day5];
        foreach (var unit in units)
        {
            var history = await Get(client, $"{Api.Units}/{unit}/history?from=2026-06-14&to={D(day5)}");
            var days = history.GetProperty("days").EnumerateArray().ToList();
            Assert.Equal(7, days.Count); // one entry per day, 06-14 to 06-20
            Assert.Equal(Enumerable.Range(0, 7).Select(i => D(new DateOnly(2026, 6, 14).AddDays(i))), days.Select(d => d.GetProperty("day").GetString()));
            foreach (var d in days)
            {
                var day = DateOnly.Parse(d.GetProperty("day").GetString()!);
                var figures = d.GetProperty("figures");
                if (!recorded.Contains(day))
                {
                    Assert.Equal(JsonValueKind.Null, figures.ValueKind);
                    Assert.Equal(JsonValueKind.Null, d.GetProperty("name").ValueKind);
                    continue;
                }
                SameFigures((day == day1 ? first : second)[unit], figures, $"{unit} on {day}");
            }
        }
        // Depth 4 keeps no point.
        var below = await Get(client, $"{Api.Units}/x/history?from=2026-06-14&to={D(day5)}");
        Assert.All(below.GetProperty("days").EnumerateArray(), d => Assert.Equal(JsonValueKind.Null, d.GetProperty("figures").ValueKind));

        // Each day's tree has the structure of that day.
        var then = await Get(client, $"{Api.Units}/{Root}/tree?asOf={D(day1)}&depth=10");
        Assert.Equal("b1", Node(then, "g").GetProperty("parentId").GetString());
        Assert.Equal("第二党支部", Node(then, "b2").GetProperty("name").GetString());
        Assert.Equal(["g"], Node(then, "b1").GetProperty("children").EnumerateArray().Select(n => n.GetProperty("id").GetString()));
        Assert.Equal(3, Node(then, "g").GetProperty("depth").GetInt32());
        var now = await Get(client, $"{Api.Units}/{Root}/tree?asOf={D(day5)}&depth=10");
        Assert.Equal("b2", Node(now, "g").GetProperty("parentId").GetString());
        Assert.Equal("第二党支部（更名）", Node(now, "b2").GetProperty("name").GetString());
        Assert.Empty(Node(now, "b1").GetProperty("children").EnumerateArray());
        Assert.Equal("branch", Node(now, "b1").GetProperty("kind").GetString());
        var shallow = await Get(client, $"{Api.Units}/c/tree?asOf={D(day1)}&depth=1");
        Assert.Equal(3, Nodes(shallow).Count);
        SameFigures(first["c"], shallow.GetProperty("figures"), "c's tree node");
    }
}
