using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Cascade.Tests.Web;

public sealed class WallHubTests(WallHubTests.App app) : IClassFixture<WallHubTests.App>
{
    public sealed class App() : CascadeApp(seedDemo: true);

    private static long Version(JsonElement summary) => summary.GetProperty("version").GetInt64();

    [Fact]
    public async Task Watch_returns_the_snapshot_of_the_watched_view()
    {
        await using var wall = await WallClient.ConnectAsync(app);
        var snapshot = await wall.Watch("kjt", 2);
        Assert.Equal("kjt", snapshot.GetProperty("unitId").GetString());
        Assert.Equal(2, snapshot.GetProperty("depth").GetInt32());
        Assert.False(string.IsNullOrEmpty(snapshot.GetProperty("serverBuild").GetString()));
        var units = snapshot.GetProperty("units").EnumerateArray().ToList();
        Assert.Equal(21, units.Count);
        Assert.Equal(0, units.Single(u => u.GetProperty("id").GetString() == "kjt").GetProperty("depth").GetInt32());
        Assert.Equal(2, units.Single(u => u.GetProperty("id").GetString() == "bgs").GetProperty("depth").GetInt32());
        Assert.All(units, u => Assert.True(Version(u.GetProperty("summary")) > 0));
        Assert.Equal(JsonValueKind.Array, snapshot.GetProperty("alerts").ValueKind);
        Assert.Equal(JsonValueKind.Array, snapshot.GetProperty("changes").ValueKind);
    }

    [Fact]
    public async Task The_snapshot_carries_the_open_alerts_of_the_watched_view()
    {
        using var admin = app.CreateClient();
        (await admin.PostAsJsonAsync("/api/v1/units/bgs/tasks", new { id = "late-report", title = "逾期的报告", track = "business", start = "2026-01-05", due = "2026-02-01" }))
            .EnsureSuccessStatusCode();
        var expected = (await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/alerts?unit=kjt&subtree=true"))!
            .Select(a => a.GetProperty("id").GetString()).Order().ToList();
        Assert.Contains("bgs", string.Join(",", expected));

        await using var wall = await WallClient.ConnectAsync(app);
        var snapshot = await wall.Watch("kjt", 2);
        var alerts = snapshot.GetProperty("alerts").EnumerateArray().ToList();
        Assert.Equal(expected, alerts.Select(a => a.GetProperty("id").GetString()).Order().ToList());
        var late = alerts.Single(a => a.GetProperty("taskId").GetString() == "late-report");
        Assert.Equal(("taskOverdue", "red", "firing"), (late.GetProperty("rule").GetString(), late.GetProperty("severity").GetString(), late.GetProperty("state").GetString()));

        var branchOnly = await wall.Watch("bgs", 0);
        Assert.All(branchOnly.GetProperty("alerts").EnumerateArray(), a => Assert.Equal("bgs", a.GetProperty("unitId").GetString()));
    }

    [Fact]
    public async Task Alerts_that_fire_and_are_acknowledged_reach_a_watching_wall()
    {
        using var admin = app.CreateClient();
        await using var wall = await WallClient.ConnectAsync(app);
        await wall.Watch("kjt", 2);
        (await admin.PostAsJsonAsync("/api/v1/units/zlxx/tasks", new { id = "late-pushed", title = "逾期推送", track = "party", start = "2026-01-05", due = "2026-02-01" }))
            .EnsureSuccessStatusCode();
        JsonElement Pushed(string state) => wall.Received.Where(r => r.Method == "alerts").SelectMany(r => r.Payload.EnumerateArray())
            .LastOrDefault(a => a.GetProperty("taskId").GetString() == "late-pushed" && a.GetProperty("state").GetString() == state);
        await Eventually.True(() => Task.FromResult(Pushed("firing").ValueKind == JsonValueKind.Object), "the firing alert reaches the wall");
        var id = Pushed("firing").GetProperty("id").GetString();

        (await admin.PostAsJsonAsync($"/api/v1/alerts/{id}/acknowledge", new { note = "已安排" })).EnsureSuccessStatusCode();
        await Eventually.True(() => Task.FromResult(Pushed("acknowledged").ValueKind == JsonValueKind.Object), "the acknowledgement reaches the wall");
        Assert.Equal("已安排", Pushed("acknowledged").GetProperty("note").GetString());
    }

    [Fact]
    public async Task A_task_update_reaches_a_watching_wall_with_growing_versions()
    {
        await using var wall = await WallClient.ConnectAsync(app);
        var snapshot = await wall.Watch("kjt", 2);
        var rootVersion = Version(snapshot.GetProperty("units").EnumerateArray().First().GetProperty("summary"));
        var task = (await app.CreateClient().GetFromJsonAsync<JsonElement[]>("/api/v1/units/zcfg/tasks"))!
            .First(t => t.GetProperty("status").GetString() != "done");
        var progress = task.GetProperty("progress").GetInt32() == 50 ? 51 : 50;
        var patched = await (await app.CreateClient().PatchAsJsonAsync($"/api/v1/units/zcfg/tasks/{task.GetProperty("id").GetString()}", new { progress }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var byName = patched.GetProperty("updatedByName").GetString();
        Assert.False(string.IsNullOrEmpty(byName));
        Assert.NotEqual(patched.GetProperty("updatedBy").GetString(), byName); // a display name, not the username

        await Eventually.True(() => Task.FromResult(wall.Summaries().Any(s => s.GetProperty("unitId").GetString() == "kjt"
            && s.GetProperty("version").GetInt64() > rootVersion)), "the root's new summary reaches the wall");
        await Eventually.True(() => Task.FromResult(wall.Summaries().Any(s => s.GetProperty("unitId").GetString() == "zcfg")), "the branch's summary reaches the wall");
        await Eventually.True(() => Task.FromResult(wall.Received.Any(r => r.Method == "changes"
            && r.Payload.EnumerateArray().Any(c => c.GetProperty("taskId").GetString() == task.GetProperty("id").GetString()
                && c.GetProperty("to").GetProperty("progress").GetInt32() == progress && c.GetProperty("byName").GetString() == byName))),
            "the ticker gets the change, with who made it by name");

        foreach (var unit in wall.Summaries().GroupBy(s => s.GetProperty("unitId").GetString()))
        {
            var versions = unit.Select(s => s.GetProperty("version").GetInt64()).ToList();
            Assert.Equal(versions.Order(), versions);
        }
    }

    [Fact]
    public async Task A_wall_gets_only_the_units_it_watches()
    {
        await using var wall = await WallClient.ConnectAsync(app);
        await wall.Watch("jgdw", 0);
        var task = (await app.CreateClient().GetFromJsonAsync<JsonElement[]>("/api/v1/units/wgzj/tasks"))!.First(IsOwn);
        (await app.CreateClient().PatchAsJsonAsync($"/api/v1/units/wgzj/tasks/{task.GetProperty("id").GetString()}", new { weight = task.GetProperty("weight").GetDouble() + 0.5 })).EnsureSuccessStatusCode();
        await Eventually.True(() => Task.FromResult(wall.Summaries().Any(s => s.GetProperty("unitId").GetString() == "jgdw")), "the watched unit's summary arrives");
        Assert.All(wall.Summaries(), s => Assert.Equal("jgdw", s.GetProperty("unitId").GetString()));
    }

    [Fact]
    public async Task A_burst_of_updates_reaches_a_wall_in_at_most_four_messages_a_second()
    {
        await using var wall = await WallClient.ConnectAsync(app);
        await wall.Watch("kjt", 2);
        var client = app.CreateClient();
        var tasks = (await client.GetFromJsonAsync<JsonElement[]>("/api/v1/units/fwzx/tasks"))!.Where(IsOwn).Select(t => t.GetProperty("id").GetString()).ToList();
        var started = DateTime.UtcNow;
        for (var i = 0; i < 300; i++)
            (await client.PatchAsJsonAsync($"/api/v1/units/fwzx/tasks/{tasks[i % tasks.Count]}", new { weight = 1 + i % 7 })).EnsureSuccessStatusCode();
        await Task.Delay(600);
        var times = wall.Received.Where(r => r.At >= started).Select(r => r.At).Order().ToList();
        Assert.True(times.Count > 0, "the wall received the updates");
        // No second, wherever it starts, holds more than 4 messages.
        for (var i = 0; i + 4 < times.Count; i++)
            Assert.True(times[i + 4] - times[i] >= TimeSpan.FromSeconds(1),
                $"5 messages within {(times[i + 4] - times[i]).TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_bad_watch_is_a_hub_error_and_the_connection_stays_usable()
    {
        await using var wall = await WallClient.ConnectAsync(app);
        await Assert.ThrowsAsync<HubException>(() => wall.Watch("no-such-unit", 1));
        await Assert.ThrowsAsync<HubException>(() => wall.Watch("kjt", -1));
        await Assert.ThrowsAsync<HubException>(() => wall.Watch("kjt", 7));
        await Assert.ThrowsAsync<HubException>(() => wall.Watch("Not An Id!", 1));
        await Assert.ThrowsAnyAsync<Exception>(() => wall.Connection.InvokeAsync<JsonElement>("Watch", 42, "deep"));
        var snapshot = await wall.Watch("jgdw", 1);
        Assert.Equal(20, snapshot.GetProperty("units").GetArrayLength());
    }

    [Fact]
    public async Task A_new_unit_in_the_watched_view_sends_structure()
    {
        await using var wall = await WallClient.ConnectAsync(app);
        await wall.Watch("jgdw", 1);
        var id = $"new-{Guid.NewGuid():N}"[..20];
        (await app.CreateClient().PostAsJsonAsync("/api/v1/units", new { id, parentId = "jgdw", name = "新党支部", kind = "branch" })).EnsureSuccessStatusCode();
        await Eventually.True(() => Task.FromResult(wall.Received.Any(r => r.Method == "structure")), "the wall is told the shape changed");
        var again = await wall.Watch("jgdw", 1);
        Assert.Contains(again.GetProperty("units").EnumerateArray(), u => u.GetProperty("id").GetString() == id);
        (await app.CreateClient().DeleteAsync($"/api/v1/units/{id}")).EnsureSuccessStatusCode();
    }

    /// <summary>A task the unit owns: not a directive's copy nor a schedule's instance (their weight is the issuer's).</summary>
    private static bool IsOwn(JsonElement task) => task.GetProperty("directiveId").ValueKind == JsonValueKind.Null && task.GetProperty("scheduleId").ValueKind == JsonValueKind.Null;
}
