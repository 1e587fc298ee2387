using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Cascade.Tests.Web;

/// <summary>docs/api.md "Alerts" over HTTP: list, acknowledge (audited), and the clear refusals.</summary>
public sealed class AlertsApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    private static async Task<JsonElement[]> Alerts(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<JsonElement[]>($"/api/v1/alerts?{query}"))!;

    [Fact]
    public async Task An_overdue_task_raises_an_alert_that_is_listed_acknowledged_once_and_audited()
    {
        using var admin = await app.Client();
        var unit = Api.Id("al");
        await admin.CreateUnit(unit);
        var task = await admin.CreateTask(unit, "late", start: "2026-01-01", due: "2026-02-01");
        Assert.Equal(("admin", "管理员"), (task.GetProperty("updatedBy").GetString(), task.GetProperty("updatedByName").GetString()));

        var open = await Alerts(admin, $"unit={unit}");
        var overdue = open.Single(a => a.GetProperty("rule").GetString() == "taskOverdue");
        Assert.Equal(("red", "firing", "late", unit), (overdue.GetProperty("severity").GetString(), overdue.GetProperty("state").GetString(),
            overdue.GetProperty("taskId").GetString(), overdue.GetProperty("unitId").GetString()));
        var id = overdue.GetProperty("id").GetString()!;
        Assert.Contains(await Alerts(admin, $"unit={ApiApp.Root}&subtree=true"), a => a.GetProperty("id").GetString() == id);
        Assert.DoesNotContain(await Alerts(admin, $"unit={ApiApp.Root}"), a => a.GetProperty("id").GetString() == id);
        var summary = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/units/{unit}/summary");
        Assert.True(summary.GetProperty("openAlerts").GetInt32() >= 1);

        var acknowledged = await (await admin.PostAsJsonAsync($"/api/v1/alerts/{id}/acknowledge", new { note = "已安排整改" })).Expect(HttpStatusCode.OK);
        Assert.Equal(("acknowledged", "admin", "管理员", "已安排整改"), (acknowledged.GetProperty("state").GetString(),
            acknowledged.GetProperty("acknowledgedBy").GetString(), acknowledged.GetProperty("acknowledgedByName").GetString(),
            acknowledged.GetProperty("note").GetString()));
        Assert.Equal(JsonValueKind.Null, overdue.GetProperty("acknowledgedByName").ValueKind);
        // The ledger's subtree answer (the open-alert index) follows the acknowledgement, with the name.
        await Support.Eventually.True(async () => (await Alerts(admin, $"unit={ApiApp.Root}&subtree=true"))
            .Any(a => a.GetProperty("id").GetString() == id && a.GetProperty("acknowledgedByName").GetString() == "管理员"), "the index holds the acknowledgement");
        var again = await (await admin.PostAsJsonAsync($"/api/v1/alerts/{id}/acknowledge", new { note = "再次" })).Expect(HttpStatusCode.OK);
        Assert.Equal("已安排整改", again.GetProperty("note").GetString());

        await Support.Eventually.True(async () => (await admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/audit?unit={unit}"))!
            .Count(e => e.GetProperty("action").GetString() == "alert.acknowledge") == 1, "exactly one audit entry for the acknowledgement");

        // Done: resolved; acknowledging it now is a conflict, and it is listed only when asked for.
        (await admin.Patch(Api.Task(unit, "late"), """{"status":"done"}""")).EnsureSuccessStatusCode();
        await (await admin.PostAsJsonAsync($"/api/v1/alerts/{id}/acknowledge", new { note = "晚了" })).Problem(HttpStatusCode.Conflict);
        Assert.DoesNotContain(await Alerts(admin, $"unit={unit}"), a => a.GetProperty("id").GetString() == id);
        Assert.Contains(await Alerts(admin, $"unit={unit}&state=resolved"), a => a.GetProperty("id").GetString() == id);
        await Support.Eventually.True(async () => !(await Alerts(admin, $"unit={ApiApp.Root}&subtree=true")).Any(a => a.GetProperty("id").GetString() == id),
            "a resolved alert leaves the subtree's open ones");
    }

    [Fact]
    public async Task Bad_requests_get_clear_answers_and_change_nothing()
    {
        using var admin = await app.Client();
        var unit = Api.Id("alb");
        await admin.CreateUnit(unit);
        await admin.CreateTask(unit, "late", start: "2026-01-01", due: "2026-02-01");
        var id = (await Alerts(admin, $"unit={unit}")).First().GetProperty("id").GetString()!;

        await (await admin.PostAsJsonAsync("/api/v1/alerts/no-such-unit.1/acknowledge", new { note = "x" })).Problem(HttpStatusCode.NotFound);
        await (await admin.PostAsJsonAsync($"/api/v1/alerts/{unit}.999/acknowledge", new { note = "x" })).Problem(HttpStatusCode.NotFound);
        await (await admin.PostAsJsonAsync("/api/v1/alerts/..%2F/acknowledge", new { note = "x" })).Problem(HttpStatusCode.NotFound);
        await (await admin.PostAsJsonAsync($"/api/v1/alerts/{id}/acknowledge", new { note = "" })).Invalid("note");
        await (await admin.PostAsJsonAsync($"/api/v1/alerts/{id}/acknowledge", new { note = new string('很', 501) })).Invalid("note");
        await (await admin.PostAsJsonAsync($"/api/v1/alerts/{id}/acknowledge", new { })).Invalid("note");
        await (await admin.GetAsync("/api/v1/alerts?state=open")).Invalid("state");
        await (await admin.GetAsync("/api/v1/alerts?subtree=yes")).Invalid("subtree");
        await (await admin.GetAsync("/api/v1/alerts?unit=no-such-unit")).Problem(HttpStatusCode.NotFound);
        Assert.Equal("firing", (await Alerts(admin, $"unit={unit}")).Single(a => a.GetProperty("id").GetString() == id).GetProperty("state").GetString());
    }
}
