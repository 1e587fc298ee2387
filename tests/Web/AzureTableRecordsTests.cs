using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Cascade.Storage.AzureTables;
using Cascade.Tests.Inspections;
using Cascade.Tests.Support;

namespace Cascade.Tests.Web;

/// <summary>
/// The product on Azure Table Storage (Azurite) keeps inspections and history as on SQLite: an
/// inspection is captured and reads back (list, header, frozen tree, a unit's frozen tasks), and
/// midnights give points that <c>/units/{id}/history</c> and <c>tree?asOf=</c> read with each day's
/// structure; both are rows of the storage's own tables, and nothing goes to SQLite.
/// </summary>
public sealed class AzureTableRecordsTests : IDisposable
{
    private sealed class App(Dictionary<string, string?> settings) : ApiApp(settings);

    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private readonly Azurite _azurite = new();
    private readonly string _prefix = Azurite.NewPrefix();
    private readonly App _app;

    public AzureTableRecordsTests()
    {
        var settings = _azurite.Settings(_prefix);
        settings["Cascade:History:Check"] = "00:00:00.100";
        _app = new App(settings);
    }

    public void Dispose()
    {
        try
        {
            _app.Dispose();
        }
        finally
        {
            _azurite.Dispose();
        }
    }

    private static async Task<JsonElement> Get(HttpClient client, string url) => await (await client.GetAsync(url)).Expect(HttpStatusCode.OK);

    private async Task<int> Rows(string table)
    {
        var count = 0;
        await foreach (var _ in new TableClient(_azurite.ConnectionString, _prefix + table).QueryAsync<TableEntity>(select: ["RowKey"])) count++;
        return count;
    }

    private static List<JsonElement> Nodes(JsonElement tree) =>
        [tree, .. tree.GetProperty("children").EnumerateArray().SelectMany(Nodes)];

    private async Task<HttpClient> Department()
    {
        var client = await _app.Client();
        await client.CreateUnit("c", kind: "organCommittee", name: "机关党委");
        await client.CreateUnit("b1", "c", name: "第一党支部");
        await client.CreateUnit("b2", "c", name: "第二党支部");
        for (var t = 0; t < 7; t++) await client.CreateTask("b1", $"t{t}");
        await client.CreateTask("b2", "t0", track: "business", start: "2026-01-01", due: "2026-03-31");
        return client;
    }

    [Fact]
    public async Task An_inspection_is_captured_on_azure_tables_and_reads_back()
    {
        var client = await Department();
        var header = await Inspect.Capture(client, "az-q2", "c");
        Assert.Equal(3, header.GetProperty("units").GetInt32());
        Assert.Equal(8, header.GetProperty("summary").GetProperty("all").GetProperty("count").GetInt32());
        Assert.Equal(["az-q2"], (await Get(client, Inspect.Route)).EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        var tree = await Get(client, $"{Inspect.Route}/az-q2/tree?depth=10");
        Assert.Equal(["c", "b1", "b2"], Nodes(tree).Select(n => n.GetProperty("id").GetString()));
        Assert.Equal([8, 7, 1], Nodes(tree).Select(n => n.GetProperty("summary").GetProperty("all").GetProperty("count").GetInt32()));
        Assert.Equal(1, Nodes(tree)[2].GetProperty("summary").GetProperty("all").GetProperty("overdue").GetInt32());
        var tasks = await Get(client, $"{Inspect.Route}/az-q2/units/b1/tasks");
        Assert.Equal(Enumerable.Range(0, 7).Select(t => $"t{t}"), tasks.EnumerateArray().Select(t => t.GetProperty("id").GetString()).Order());
        // A header and a seal in the index, two rows per unit.
        Assert.Equal(2 + 2 * 3, await Rows(AzureTables.Inspections));
    }

    [Fact]
    public async Task Midnights_give_history_points_on_azure_tables_with_each_days_structure()
    {
        var client = await Department();
        var day1 = new DateOnly(2026, 6, 16);
        void SetLocal(DateOnly day, int minute) =>
            _app.Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(0, minute)), Zone.BaseUtcOffset).ToUniversalTime());
        async Task<bool> Recorded(DateOnly day) =>
            await client.GetAsync($"{Api.Units}/{ApiApp.Root}/tree?asOf={day:yyyy-MM-dd}&depth=10") is { StatusCode: HttpStatusCode.OK } ok
            && Nodes(await ok.Expect(HttpStatusCode.OK)).Count == 4;

        SetLocal(day1, 10);
        await Eventually.True(() => Recorded(day1), "the points of 06-16 are stored", TimeSpan.FromSeconds(30));
        await (await client.Patch($"{Api.Units}/b2", """{"name":"第二党支部（更名）"}""", "application/merge-patch+json")).Expect(HttpStatusCode.OK);
        var day2 = day1.AddDays(1);
        SetLocal(day2, 20);
        await Eventually.True(() => Recorded(day2), "the points of 06-17 are stored", TimeSpan.FromSeconds(30));

        var history = await Get(client, $"{Api.Units}/b2/history?from=2026-06-15&to=2026-06-17");
        var days = history.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(JsonValueKind.Null, days[0].GetProperty("figures").ValueKind);
        Assert.Equal(["第二党支部", "第二党支部（更名）"], days[1..].Select(d => d.GetProperty("name").GetString()));
        Assert.Equal(1, days[2].GetProperty("figures").GetProperty("count").GetInt32());
        var then = await Get(client, $"{Api.Units}/c/tree?asOf=2026-06-16&depth=1");
        Assert.Equal(["第一党支部", "第二党支部"], then.GetProperty("children").EnumerateArray().Select(n => n.GetProperty("name").GetString()));
        Assert.Equal(7, then.GetProperty("children")[0].GetProperty("figures").GetProperty("count").GetInt32());
        // A unit's month is one row: four units, each holding both days.
        Assert.Equal(4, await Rows(AzureTables.History));
    }
}
