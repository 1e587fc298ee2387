using System.Net;
using System.Net.Http.Json;
using Cascade.Tests.Findings;
using Cascade.Tests.Web;

namespace Cascade.Tests.Reports;

/// <summary>
/// The year report's findings equal a recomputation from <c>GET /findings?unit=&amp;subtree=true</c>:
/// those recorded in the year, those closed (销号), the mean days from recording to closing.
/// </summary>
public sealed class ReportFindingsTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task Findings_raised_and_closed_equal_the_findings_route()
    {
        var d = await Inspected.Build(app, "rf");
        var (closed, open) = (Api.Id("rf"), Api.Id("rf"));
        await d.Record(closed);
        await d.Record(open);
        await d.Report(closed, "done", 100);
        await Support.Eventually.True(async () => (await d.Get(closed)).GetProperty("state").GetString() == "awaitingConfirmation", "awaiting confirmation");
        await (await d.InspectorEditor.PostAsJsonAsync(Inspected.Finding(closed) + "/confirm", new { note = "已整改" })).Expect(HttpStatusCode.OK);

        var report = await (await d.Admin.GetAsync($"{Api.Units}/{d.Committee}/report?year=2026&depth=1")).Expect(HttpStatusCode.OK);
        foreach (var row in report.GetProperty("rows").EnumerateArray())
        {
            var unit = row.GetProperty("unitId").GetString();
            var listed = (await (await d.Admin.GetAsync($"/api/v1/findings?unit={unit}&subtree=true")).Expect(HttpStatusCode.OK)).EnumerateArray()
                .Where(f => f.GetProperty("createdAt").GetDateTimeOffset() is var at && at >= ReportRecount.Midnight(new(2026, 1, 1)) && at < ReportRecount.Midnight(new(2027, 1, 1)))
                .ToList();
            var done = listed.Where(f => f.GetProperty("state").GetString() == "closed").ToList();
            double? mean = done.Count == 0 ? null
                : Math.Round(done.Average(f => (f.GetProperty("closedAt").GetDateTimeOffset() - f.GetProperty("createdAt").GetDateTimeOffset()).TotalDays), 1);
            var findings = row.GetProperty("findings");
            Assert.Equal(listed.Count, findings.GetProperty("raised").GetInt32());
            Assert.Equal(done.Count, findings.GetProperty("closed").GetInt32());
            Assert.Equal(mean, findings.GetProperty("meanDaysToClose").ValueKind == System.Text.Json.JsonValueKind.Null ? null : findings.GetProperty("meanDaysToClose").GetDouble());
        }
        var top = report.GetProperty("rows")[0].GetProperty("findings");
        Assert.Equal((2, 1), (top.GetProperty("raised").GetInt32(), top.GetProperty("closed").GetInt32()));
        var empty = await (await d.Admin.GetAsync($"{Api.Units}/{d.Committee}/report?year=2025")).Expect(HttpStatusCode.OK);
        Assert.Equal(0, empty.GetProperty("rows")[0].GetProperty("findings").GetProperty("raised").GetInt32());
    }
}
