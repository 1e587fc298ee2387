using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;

namespace Cascade.Tests.Web;

/// <summary>
/// docs/domain.md "Alerts": time alone fires a rule "within 2 minutes of start-up after a restart",
/// with no request touching the unit. The real product in a child process, killed with SIGKILL.
/// </summary>
[Collection(Cascade.Tests.E2E.Serial.Name)]
public sealed class AlertRestartTests
{
    // The organization's calendar decides when a due date has passed. The first run keeps it at
    // UTC-12, where the task is due today; the second at UTC+14, 26 hours later, where that day
    // is over. So the due date passes while the product is down, on the real clock, with no
    // test hook in the product: what a long outage (or a corrected Cascade:TimeZone) does.
    private const string Before = "Etc/GMT+12";
    private const string After = "Etc/GMT-14";

    [Fact]
    public async Task A_task_that_became_overdue_while_the_product_was_down_fires_soon_after_start_with_no_request_touching_it()
    {
        using var folder = new TempDirectory();
        var database = folder.File("cascade.db");
        var dueDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(Before)).DateTime);
        var due = dueDay.ToString("yyyy-MM-dd");
        var start = dueDay.AddDays(-30).ToString("yyyy-MM-dd");

        await using (var first = await WebProcess.StartAsync(folder.Path, database, $"--Cascade:TimeZone={Before}"))
        {
            var client = first.Client;
            (await client.PostAsJsonAsync("/api/v1/units", new { id = "kjt", parentId = (string?)null, name = "科技厅", kind = "partyGroup" })).EnsureSuccessStatusCode();
            (await client.PostAsJsonAsync("/api/v1/units", new { id = "bgs", parentId = "kjt", name = "办公室党支部", kind = "branch" })).EnsureSuccessStatusCode();
            // Nearly finished, so only the due date can raise an alert (not unitBehind).
            (await client.PostAsJsonAsync("/api/v1/units/bgs/tasks",
                new { id = "zt", title = "主题教育总结", track = "party", start, due })).EnsureSuccessStatusCode();
            (await client.PatchAsJsonAsync("/api/v1/units/bgs/tasks/zt", new { progress = 99 })).EnsureSuccessStatusCode();
            // At 0 % the units were behind for a moment; the parent hears of 99 % a moment after the answer.
            await Eventually.True(async () => (await client.GetFromJsonAsync<JsonElement[]>("/api/v1/alerts?unit=kjt&subtree=true"))!.Length == 0,
                "no alert stands before the restart");
            await first.KillAsync();
        }

        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await using var second = await WebProcess.StartAsync(folder.Path, database, $"--Cascade:TimeZone={After}");

        // Watch the root only: the branch is woken by the product itself, not by this test.
        var deadline = TimeSpan.FromMinutes(2);
        var openAtRoot = 0;
        while (clock.Elapsed < deadline)
        {
            var summary = await second.Client.GetFromJsonAsync<JsonElement>("/api/v1/units/kjt/summary");
            openAtRoot = summary.GetProperty("openAlerts").GetInt32();
            if (openAtRoot == 1) break;
            await Task.Delay(250);
        }
        Assert.True(openAtRoot == 1, $"no alert reached the root within {deadline} of start:\n{second.Output}");

        var alert = Assert.Single((await second.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/alerts?unit=bgs"))!);
        Assert.Equal("taskOverdue", alert.GetProperty("rule").GetString());
        Assert.Equal("red", alert.GetProperty("severity").GetString());
        Assert.Equal("zt", alert.GetProperty("taskId").GetString());
        Assert.Equal("firing", alert.GetProperty("state").GetString());
        var firedAt = alert.GetProperty("firedAt").GetDateTimeOffset();
        Assert.InRange(firedAt, started, started + deadline);
        // The condition held since the end of the due day in the organization's calendar (UTC+14).
        var dueEnd = new DateTimeOffset(dueDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(14));
        Assert.Equal(dueEnd, alert.GetProperty("since").GetDateTimeOffset());
    }
}
