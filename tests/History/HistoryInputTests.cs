using System.Net;
using Cascade.Tests.Support;
using Cascade.Tests.Web;

namespace Cascade.Tests.History;

/// <summary>
/// Bad input to the history routes (docs/api.md "History"), each with its exact status and never a
/// 500; the clock stands at 2026-06-15 10:00 (Asia/Shanghai), a day whose midnight Cascade missed.
/// </summary>
public sealed class HistoryInputTests(HistoryInputTests.App app) : IClassFixture<HistoryInputTests.App>
{
    public sealed class App : ApiApp;

    private static string History(string unit, string query) => $"{Api.Units}/{unit}/history{query}";

    [Theory]
    [InlineData("?from=2026-06-10&to=2026-06-01", "from")] // from after to
    [InlineData("?to=2026-06-16", "to")] // the future
    [InlineData("?from=2023-06-14&to=2026-06-15", "from")] // 1,098 days: over Keep (1,096)
    [InlineData("?from=2026-6-1", "from")]
    [InlineData("?from=2026-02-30", "from")]
    [InlineData("?to=yesterday", "to")]
    [InlineData("?from=2026-06-01&from=2026-06-02", "from")]
    public async Task A_bad_range_is_400_naming_the_field(string query, string field)
    {
        var client = await app.Client();
        var problem = await (await client.GetAsync(History(ApiApp.Root, query))).Problem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task A_range_of_exactly_Keep_days_and_the_default_range_answer_one_entry_a_day()
    {
        var client = await app.Client();
        var keep = await (await client.GetAsync(History(ApiApp.Root, "?from=2023-06-16&to=2026-06-15"))).Expect(HttpStatusCode.OK);
        Assert.Equal(1096, keep.GetProperty("days").GetArrayLength());
        var recent = await (await client.GetAsync(History(ApiApp.Root, ""))).Expect(HttpStatusCode.OK);
        Assert.Equal("2026-03-18", recent.GetProperty("from").GetString());
        Assert.Equal("2026-06-15", recent.GetProperty("to").GetString());
        var days = recent.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(90, days.Count);
        // Cascade started at 10:00 on 06-15: today has no point, nor any day before.
        Assert.All(days, d => Assert.Equal(System.Text.Json.JsonValueKind.Null, d.GetProperty("figures").ValueKind));
        var single = await (await client.GetAsync(History(ApiApp.Root, "?from=2026-06-15&to=2026-06-15"))).Expect(HttpStatusCode.OK);
        Assert.Equal(1, single.GetProperty("days").GetArrayLength());
    }

    [Theory]
    [InlineData("?asOf=2026-06-16", HttpStatusCode.BadRequest)] // the future
    [InlineData("?asOf=2026-13-01", HttpStatusCode.BadRequest)]
    [InlineData("?asOf=", HttpStatusCode.BadRequest)]
    [InlineData("?asOf=2026-06-01&asOf=2026-06-02", HttpStatusCode.BadRequest)]
    [InlineData("?asOf=2026-06-01&depth=11", HttpStatusCode.BadRequest)]
    [InlineData("?asOf=2026-06-14", HttpStatusCode.NotFound)] // no point that day
    [InlineData("?asOf=2026-06-15&depth=2", HttpStatusCode.NotFound)] // today: its midnight was missed
    public async Task A_bad_or_empty_day_of_the_tree_has_its_status(string query, HttpStatusCode status)
    {
        var client = await app.Client();
        await (await client.GetAsync($"{Api.Units}/{ApiApp.Root}/tree{query}")).Problem(status);
    }

    [Fact]
    public async Task Unknown_units_are_404()
    {
        var client = await app.Client();
        await (await client.GetAsync(History("nobody", ""))).Problem(HttpStatusCode.NotFound);
        await (await client.GetAsync(History("Not_An_Id", ""))).Problem(HttpStatusCode.NotFound);
        await (await client.GetAsync($"{Api.Units}/nobody/tree?asOf=2026-06-01")).Problem(HttpStatusCode.NotFound);
        await (await client.GetAsync($"{Api.Units}/Not_An_Id/tree?asOf=2026-06-01")).Problem(HttpStatusCode.NotFound);
    }
}
