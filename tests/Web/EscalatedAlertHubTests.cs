using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;

namespace Cascade.Tests.Web;

/// <summary>
/// An alert that climbed sits with the unit it climbed to: that unit lists it (<c>GET /alerts?unit=</c>)
/// and a wall watching only that unit gets it, although its own unit is out of view.
/// </summary>
public sealed class EscalatedAlertHubTests(EscalatedAlertHubTests.App app) : IClassFixture<EscalatedAlertHubTests.App>
{
    /// <summary>The demo, with units that look at the (fake) clock five times a second.</summary>
    public sealed class App() : CascadeApp(seedDemo: true, new() { ["Cascade:ClockInterval"] = "00:00:00.2" });

    [Fact]
    public async Task An_alert_that_climbed_to_the_root_reaches_a_wall_watching_the_root_alone_and_leaves_it_when_resolved()
    {
        using var admin = app.CreateClient();
        (await admin.PostAsJsonAsync("/api/v1/units/bgs/tasks", new { id = "climber", title = "无人应答的逾期任务", track = "party", start = "2026-01-05", due = "2026-02-01" }))
            .EnsureSuccessStatusCode();
        var alert = (await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/alerts?unit=bgs"))!.Single(a => a.GetProperty("taskId").GetString() == "climber");
        var id = alert.GetProperty("id").GetString()!;

        await using var wall = await WallClient.ConnectAsync(app);
        var before = await wall.Watch("kjt", 0);
        Assert.DoesNotContain(before.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("id").GetString() == id);

        // bgs -> jgdw -> kjt: two periods of EscalateAfter (2 days) take it to the root.
        app.Clock.Advance(TimeSpan.FromDays(4) + TimeSpan.FromMinutes(1));
        JsonElement Pushed(Func<JsonElement, bool> match) => wall.Received.Where(r => r.Method == "alerts").SelectMany(r => r.Payload.EnumerateArray())
            .LastOrDefault(a => a.GetProperty("id").GetString() == id && match(a));
        await Eventually.True(() => Task.FromResult(Pushed(a => a.GetProperty("escalatedToUnitId").GetString() == "kjt").ValueKind == JsonValueKind.Object),
            "the climb reaches the wall that watches the root alone");
        Assert.Equal(2, Pushed(_ => true).GetProperty("escalationLevel").GetInt32());

        // The root lists it (and the organ committee, which it passed, does not); so does a new wall's snapshot.
        await Eventually.True(async () => (await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/alerts?unit=kjt"))!.Any(a => a.GetProperty("id").GetString() == id),
            "the root lists the alert that climbed to it");
        Assert.DoesNotContain((await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/alerts?unit=jgdw"))!, a => a.GetProperty("id").GetString() == id);
        await using (var other = await WallClient.ConnectAsync(app))
        {
            var snapshot = await other.Watch("kjt", 0);
            var copy = snapshot.GetProperty("alerts").EnumerateArray().Single(a => a.GetProperty("id").GetString() == id);
            Assert.Equal(("bgs", "kjt"), (copy.GetProperty("unitId").GetString(), copy.GetProperty("escalatedToUnitId").GetString()));
        }

        // Acknowledged, then resolved: the root's wall hears both; the root no longer lists it.
        (await admin.PostAsJsonAsync($"/api/v1/alerts/{id}/acknowledge", new { note = "厅领导已督办" })).EnsureSuccessStatusCode();
        await Eventually.True(() => Task.FromResult(Pushed(a => a.GetProperty("state").GetString() == "acknowledged").ValueKind == JsonValueKind.Object),
            "the acknowledgement reaches the root's wall");
        (await admin.PatchAsJsonAsync("/api/v1/units/bgs/tasks/climber", new { status = "done" })).EnsureSuccessStatusCode();
        await Eventually.True(() => Task.FromResult(Pushed(a => a.GetProperty("state").GetString() == "resolved").ValueKind == JsonValueKind.Object),
            "the resolution reaches the root's wall");
        await Eventually.True(async () => !(await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/alerts?unit=kjt"))!.Any(a => a.GetProperty("id").GetString() == id),
            "the root no longer lists it");
    }
}
