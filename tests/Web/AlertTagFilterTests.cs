using System.Net;
using System.Net.Http.Json;

namespace Cascade.Tests.Web;

/// <summary>
/// The ledger's <c>?tag=</c> (docs/api.md "Alerts"): only the alerts of tasks that carried the
/// label when they fired, on the list and on its export; a repeated tag is 400.
/// </summary>
public sealed class AlertTagFilterTests(AlertTagFilterTests.App app) : IClassFixture<AlertTagFilterTests.App>
{
    public sealed class App : ApiApp;

    [Fact]
    public async Task The_ledger_keeps_only_the_alerts_of_tasks_carrying_the_label()
    {
        var client = await app.Client();
        var unit = Api.Id("tagged");
        await client.CreateUnit(unit);
        foreach (var (id, tags) in new[] { ("late-a", new[] { "四强", "效能目标考核" }), ("late-b", new[] { "效能目标考核" }), ("late-c", Array.Empty<string>()) })
            await (await client.PostAsJsonAsync(Api.Tasks(unit), new { id, title = "逾期任务", track = "party", start = "2026-01-01", due = "2026-02-01", tags }))
                .Expect(HttpStatusCode.Created);

        var all = await (await client.GetAsync($"/api/v1/alerts?unit={unit}")).Expect(HttpStatusCode.OK);
        Assert.Equal(3, all.EnumerateArray().Count(a => a.GetProperty("rule").GetString() == "taskOverdue"));
        var strong = await (await client.GetAsync($"/api/v1/alerts?unit={unit}&tag={Uri.EscapeDataString(" 四强 ")}")).Expect(HttpStatusCode.OK);
        Assert.Equal(["late-a"], strong.EnumerateArray().Select(a => a.GetProperty("taskId").GetString()!).Distinct().ToArray());
        var goals = await (await client.GetAsync($"/api/v1/alerts?unit={unit}&tag={Uri.EscapeDataString("效能目标考核")}")).Expect(HttpStatusCode.OK);
        Assert.Equal(["late-a", "late-b"], goals.EnumerateArray().Select(a => a.GetProperty("taskId").GetString()!).Distinct().Order().ToArray());
        Assert.Empty((await (await client.GetAsync($"/api/v1/alerts?unit={unit}&tag=none")).Expect(HttpStatusCode.OK)).EnumerateArray());
        await (await client.GetAsync($"/api/v1/alerts?unit={unit}&tag=a&tag=b")).Invalid("tag");

        var export = await client.GetAsync($"/api/v1/alerts/export?unit={unit}&tag={Uri.EscapeDataString("四强")}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var workbook = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        var rows = MiniExcelLibs.MiniExcel.Query(workbook, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains(r.Values, v => v?.ToString()?.Contains("逾期任务") == true));
        await (await client.GetAsync($"/api/v1/alerts/export?unit={unit}&tag=a&tag=b")).Invalid("tag");
    }
}
