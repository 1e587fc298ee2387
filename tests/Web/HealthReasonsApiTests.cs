using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;

namespace Cascade.Tests.Web;

/// <summary><c>healthReasons</c> (docs/api.md "Summary") as the API and the hub carry it.</summary>
public sealed class HealthReasonsApiTests(HealthReasonsApiTests.App app) : IClassFixture<HealthReasonsApiTests.App>
{
    public sealed class App() : CascadeApp(seedDemo: true);

    private static readonly string[] Rules = ["lag", "overdueShare", "blockedShare", "staleShare"];

    private static string Describe(JsonElement summary) => string.Join(",", summary.GetProperty("healthReasons").EnumerateArray()
        .Select(r => $"{r.GetProperty("reason").GetString()}:{r.GetProperty("level").GetString()}"));

    /// <summary>Reasons name known rules with red or amber, worst first, the first one's level the health; none when green or grey.</summary>
    private static void Consistent(JsonElement summary)
    {
        var health = summary.GetProperty("health").GetString();
        var reasons = summary.GetProperty("healthReasons").EnumerateArray().ToList();
        if (health is "green" or "none") { Assert.Empty(reasons); return; }
        Assert.NotEmpty(reasons);
        Assert.Equal(health, reasons[0].GetProperty("level").GetString());
        Assert.All(reasons, r => Assert.Contains(r.GetProperty("reason").GetString(), Rules));
        Assert.All(reasons, r => Assert.Contains(r.GetProperty("level").GetString(), new[] { "red", "amber" }));
        Assert.Equal(reasons.Select(r => r.GetProperty("level").GetString()).OrderByDescending(l => l == "red"), reasons.Select(r => r.GetProperty("level").GetString()));
    }

    [Fact]
    public async Task The_snapshot_and_the_api_carry_the_same_reasons_for_every_unit()
    {
        await using var wall = await WallClient.ConnectAsync(app);
        var snapshot = await wall.Watch("kjt", 2);
        using var client = app.CreateClient();
        var healths = new HashSet<string>();
        foreach (var unit in snapshot.GetProperty("units").EnumerateArray())
        {
            var summary = unit.GetProperty("summary");
            Consistent(summary);
            healths.Add(summary.GetProperty("health").GetString()!);
            var read = await client.GetFromJsonAsync<JsonElement>($"/api/v1/units/{unit.GetProperty("id").GetString()}/summary");
            Assert.Equal(Describe(summary), Describe(read));
        }
        Assert.Contains("red", healths);
        Assert.Contains("green", healths);
    }

    [Fact]
    public async Task A_branch_turning_red_sends_its_reasons_with_values_to_the_wall()
    {
        using var client = app.CreateClient();
        // Under the root, not 机关党委: a branch there would get the demo schedules' instances within a schedule check.
        (await client.PostAsJsonAsync("/api/v1/units", new { id = "reasons-branch", parentId = "kjt", name = "原因测试党支部", kind = "branch" })).EnsureSuccessStatusCode();
        var empty = await client.GetFromJsonAsync<JsonElement>("/api/v1/units/reasons-branch/summary");
        Assert.Equal("none", empty.GetProperty("health").GetString());
        Assert.Equal(JsonValueKind.Array, empty.GetProperty("healthReasons").ValueKind);
        Assert.Empty(empty.GetProperty("healthReasons").EnumerateArray());

        await using var wall = await WallClient.ConnectAsync(app);
        await wall.Watch("reasons-branch", 0);
        // One task, long past due and untouched: behind by all of it, and all of its weight overdue.
        (await client.PostAsJsonAsync("/api/v1/units/reasons-branch/tasks", new { id = "late", title = "逾期的报告", track = "business", start = "2026-01-05", due = "2026-02-01" }))
            .EnsureSuccessStatusCode();
        await Eventually.True(() => Task.FromResult(wall.Summaries().Any(s => s.GetProperty("summary").GetProperty("health").GetString() == "red")), "the red summary arrives");
        var pushed = wall.Summaries().Last(s => s.GetProperty("summary").GetProperty("health").GetString() == "red").GetProperty("summary");
        Assert.Equal("lag:red,overdueShare:red", Describe(pushed));
        var reasons = pushed.GetProperty("healthReasons").EnumerateArray().ToList();
        Assert.Equal(1.0, reasons[0].GetProperty("value").GetDouble(), 9);
        Assert.Equal(1.0, reasons[1].GetProperty("value").GetDouble(), 9);
        Assert.Equal(Describe(pushed), Describe(await client.GetFromJsonAsync<JsonElement>("/api/v1/units/reasons-branch/summary")));
    }
}
