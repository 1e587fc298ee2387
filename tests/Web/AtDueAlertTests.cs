using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;

namespace Cascade.Tests.Web;

/// <summary>
/// docs/domain.md "Roll-up": an <c>atDue</c> task is never stale, so however long it goes
/// untouched it raises no <c>taskStale</c> alert, while a <c>linear</c> one beside it does.
/// </summary>
public sealed class AtDueAlertTests(AtDueAlertTests.App app) : IClassFixture<AtDueAlertTests.App>
{
    /// <summary>Units that look at the (fake) clock five times a second.</summary>
    public sealed class App() : ApiApp(new() { ["Cascade:ClockInterval"] = "00:00:00.2" });

    private static async Task<JsonElement[]> Alerts(HttpClient client, string unit) =>
        (await client.GetFromJsonAsync<JsonElement[]>($"/api/v1/alerts?unit={unit}"))!;

    [Fact]
    public async Task An_atDue_task_untouched_for_months_raises_no_taskStale_alert_while_a_linear_one_does()
    {
        var admin = await app.Client();
        var unit = Api.Id("atdue");
        await admin.CreateUnit(unit, name: "第一党支部");
        foreach (var (id, expectation) in new[] { ("plan", "linear"), ("meeting", "atDue") })
            await (await admin.PostAsJsonAsync(Api.Tasks(unit), new { id, title = id, track = "party", start = "2026-06-01", due = "2027-06-30", expectation }))
                .Expect(HttpStatusCode.Created);

        // Four times StaleAfter (30 days) with no report on either.
        app.Clock.Advance(TimeSpan.FromDays(120));
        await Eventually.True(async () => (await Alerts(admin, unit)).Any(a => a.GetProperty("rule").GetString() == "taskStale" && a.GetProperty("taskId").GetString() == "plan"),
            "the linear task raises taskStale");

        var alerts = await Alerts(admin, unit);
        Assert.DoesNotContain(alerts, a => a.GetProperty("taskId").GetString() == "meeting");
        var (plan, meeting) = (await admin.GetFromJsonAsync<JsonElement>(Api.Task(unit, "plan")), await admin.GetFromJsonAsync<JsonElement>(Api.Task(unit, "meeting")));
        Assert.Equal((true, false), (plan.GetProperty("stale").GetBoolean(), meeting.GetProperty("stale").GetBoolean()));
        var summary = await admin.GetFromJsonAsync<JsonElement>($"{Api.Units}/{unit}/summary");
        Assert.Equal(1, summary.GetProperty("party").GetProperty("stale").GetInt32());

        // Past its due date an atDue task is overdue like any other, and still not stale.
        app.Clock.Advance(TimeSpan.FromDays(300));
        await Eventually.True(async () => (await Alerts(admin, unit)).Any(a => a.GetProperty("rule").GetString() == "taskOverdue" && a.GetProperty("taskId").GetString() == "meeting"),
            "the atDue task is overdue after its due date");
        Assert.DoesNotContain(await Alerts(admin, unit), a => a.GetProperty("rule").GetString() == "taskStale" && a.GetProperty("taskId").GetString() == "meeting");
    }
}
