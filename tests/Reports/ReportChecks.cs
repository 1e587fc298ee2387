using System.Net;
using System.Text.Json;
using Cascade.Tests.Web;
using MiniExcelLibs;

namespace Cascade.Tests.Reports;

/// <summary>One report row against the routes it is built from, and the workbook against the JSON.</summary>
internal static class ReportChecks
{
    private static readonly string[] Tracks = ["party", "business", "all"];

    /// <summary>Tasks by track, directives, duties and tags equal a recomputation from <paramref name="tasks"/> (the subtree's tasks due in the year).</summary>
    public static void SameTasks(JsonElement row, IReadOnlyList<JsonElement> tasks, DateTimeOffset cut, string what)
    {
        void Same(IEnumerable<JsonElement> of, JsonElement counts, string part) =>
            Assert.True(ReportRecount.Of(of, cut) == ReportRecount.Read(counts), $"{what} {part}: {ReportRecount.Of(of, cut)} but reported {ReportRecount.Read(counts)}");
        void SameTracks(IReadOnlyList<JsonElement> of, JsonElement counts, string part)
        {
            foreach (var track in Tracks)
                Same(track == "all" ? of : of.Where(t => t.GetProperty("track").GetString() == track), counts.GetProperty(track), $"{part} {track}");
        }
        SameTracks(tasks, row.GetProperty("tasks"), "tasks");
        Same(tasks.Where(t => ReportRecount.Text(t, "directiveId") is not null), row.GetProperty("directives"), "directives");

        var duties = tasks.Where(t => ReportRecount.Text(t, "scheduleId") is not null && ReportRecount.Midnight(ReportRecount.Due(t).AddDays(1)) <= cut)
            .GroupBy(t => ReportRecount.Text(t, "scheduleId")!).OrderBy(d => d.Key, StringComparer.Ordinal)
            .Select(d => $"{d.Key}:{d.MaxBy(ReportRecount.Due).GetProperty("title").GetString()}:{d.Count()}:{d.Count(ReportRecount.Done)}:{d.Count(ReportRecount.OnTime)}");
        var reported = row.GetProperty("duties").EnumerateArray().Select(d =>
            $"{d.GetProperty("scheduleId").GetString()}:{d.GetProperty("title").GetString()}:{d.GetProperty("due").GetInt32()}:{d.GetProperty("done").GetInt32()}:{d.GetProperty("doneOnTime").GetInt32()}");
        Assert.Equal(string.Join(",", duties), string.Join(",", reported));

        var tags = tasks.SelectMany(ReportRecount.Tags).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(tags, row.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("tag").GetString()!));
        foreach (var line in row.GetProperty("tags").EnumerateArray())
        {
            var tag = line.GetProperty("tag").GetString()!;
            var of = tasks.Where(t => ReportRecount.Tags(t).Contains(tag)).ToList();
            SameTracks(of, line.GetProperty("tasks"), $"tag {tag}");
            Same(of.Where(t => ReportRecount.Text(t, "directiveId") is not null), line.GetProperty("directives"), $"tag {tag} directives");
        }
    }

    /// <summary>Each month's progress and expected equal the <c>all</c> figures of the history route's entry for the month's day.</summary>
    public static async Task SameMonths(HttpClient client, JsonElement row, int year)
    {
        var unit = row.GetProperty("unitId").GetString();
        var months = row.GetProperty("months").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 12), months.Select(m => m.GetProperty("month").GetInt32()));
        foreach (var month in months)
        {
            var day = month.GetProperty("day").GetString();
            var answer = await client.GetAsync($"{Api.Units}/{unit}/history?from={day}&to={day}");
            if (answer.StatusCode == HttpStatusCode.BadRequest)
            {
                // A day after today (a month not begun): no figures.
                Assert.Equal(JsonValueKind.Null, month.GetProperty("progress").ValueKind);
                continue;
            }
            var figures = (await answer.Expect(HttpStatusCode.OK)).GetProperty("days")[0].GetProperty("figures");
            JsonElement? all = figures.ValueKind == JsonValueKind.Object ? figures.GetProperty("all") : null;
            foreach (var name in new[] { "progress", "expected" })
                Assert.Equal(all?.GetProperty(name).GetRawText() ?? "null", month.GetProperty(name).GetRawText());
        }
    }

    /// <summary>The workbook's sheets, read back with MiniExcel, hold exactly the JSON's figures.</summary>
    public static async Task SameSheets(HttpClient client, JsonElement report, string url)
    {
        var bytes = await (await client.GetAsync(url)).Content.ReadAsByteArrayAsync();
        List<IDictionary<string, object>> Sheet(string name)
        {
            using var stream = new MemoryStream(bytes);
            return [.. stream.Query(useHeaderRow: true, sheetName: name, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>()];
        }
        static string Counts(JsonElement c) => $"{c.GetProperty("count")}:{c.GetProperty("done")}:{c.GetProperty("doneOnTime")}:{c.GetProperty("overdue")}";
        static string Cells(IDictionary<string, object> r) => $"{r["任务数"]}:{r["完成"]}:{r["按期完成"]}:{r["年末逾期"]}";
        var rows = report.GetProperty("rows").EnumerateArray().ToList();

        Assert.Equal(rows.SelectMany(r => Tracks.Select(t => $"{r.GetProperty("unitId")}:{Counts(r.GetProperty("tasks").GetProperty(t))}")),
            Sheet("任务").Select(r => $"{r["单位编号"]}:{Cells(r)}"));
        Assert.Equal(rows.Select(r => $"{r.GetProperty("unitId")}:{Counts(r.GetProperty("directives"))}"), Sheet("交办").Select(r => $"{r["单位编号"]}:{Cells(r)}"));
        Assert.Equal(rows.SelectMany(r => r.GetProperty("duties").EnumerateArray().Select(d =>
                $"{r.GetProperty("unitId")}:{d.GetProperty("scheduleId")}:{d.GetProperty("due")}:{d.GetProperty("done")}:{d.GetProperty("doneOnTime")}")),
            Sheet("定期任务").Select(r => $"{r["单位编号"]}:{r["日程编号"]}:{r["应完成"]}:{r["完成"]}:{r["按期完成"]}"));
        Assert.Equal(rows.SelectMany(r => r.GetProperty("alerts").EnumerateArray().Select(a => $"{r.GetProperty("unitId")}:{a.GetProperty("rule")}:{a.GetProperty("raised")}")),
            Sheet("预警").Select(r => $"{r["单位编号"]}:{r["规则"]}:{r["触发"]}"));
        static string Fraction(object? v) => v is null or "" ? "null" : Convert.ToDouble(v).ToString("R");
        static string Json(JsonElement v) => v.ValueKind == JsonValueKind.Null ? "null" : v.GetDouble().ToString("R");
        Assert.Equal(rows.SelectMany(r => r.GetProperty("months").EnumerateArray().Select(m => $"{r.GetProperty("unitId")}:{m.GetProperty("month")}:{Json(m.GetProperty("progress"))}:{Json(m.GetProperty("expected"))}")),
            Sheet("月度进度").Select(r => $"{r["单位编号"]}:{r["月份"]}:{Fraction(r["进度"])}:{Fraction(r["期望"])}"));
        Assert.Equal(rows.SelectMany(r => r.GetProperty("tags").EnumerateArray().SelectMany(g =>
                Tracks.Select(t => Counts(g.GetProperty("tasks").GetProperty(t))).Append(Counts(g.GetProperty("directives"))).Select(c => $"{r.GetProperty("unitId")}:{g.GetProperty("tag")}:{c}"))),
            Sheet("标签").Select(r => $"{r["单位编号"]}:{r["标签"]}:{Cells(r)}"));
        Assert.Equal(rows.Select(r => r.GetProperty("findings") is var f ? $"{r.GetProperty("unitId")}:{f.GetProperty("raised")}:{f.GetProperty("closed")}:{Json(f.GetProperty("meanDaysToClose"))}" : ""),
            Sheet("整改").Select(r => $"{r["单位编号"]}:{r["发现问题"]}:{r["已销号"]}:{Fraction(r["平均销号天数"])}"));
    }
}
