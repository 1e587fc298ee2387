using Cascade.Alerts;
using Cascade.Tasks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Grains;

/// <summary>Alerts in the unit grains: time alone fires them, they count in every summary above, acknowledgement and escalation.</summary>
public sealed class AlertTests(AlertTests.Cluster cluster) : IClassFixture<AlertTests.Cluster>
{
    /// <summary>Units re-evaluate every 100 ms; an alert climbs a level per day of the fake clock.</summary>
    public sealed class Cluster : GrainCluster
    {
        public Cluster()
        {
            ClockInterval = TimeSpan.FromMilliseconds(100);
            EscalateAfter = TimeSpan.FromDays(1);
        }
    }

    private async Task<Alert> Eventually(string unit, Func<Alert, bool> match, string what)
    {
        Alert? found = null;
        await Support.Eventually.True(async () => (found = (await cluster.Unit(unit).GetAlerts(true)).FirstOrDefault(match)) is not null, what);
        return found!;
    }

    /// <summary>
    /// The alert is listed, as its unit holds it now, by the unit where it sits (<paramref name="at"/>;
    /// null: nowhere above its own unit any more), and by no other unit of the chain.
    /// </summary>
    private async Task SitsAt(string alertId, string? at, IReadOnlyList<string> chain, Func<Alert, bool> copy)
    {
        var above = new[] { TreeFixture.Root }.Concat(chain.SkipLast(1)).ToList();
        await Support.Eventually.True(async () =>
        {
            foreach (var unit in above)
            {
                var here = (await cluster.Unit(unit).GetAlertsHere(false)).Where(a => a.Id == alertId).ToList();
                if (unit == at ? here.Count != 1 || !copy(here[0]) : here.Count != 0) return false;
            }
            return true;
        }, $"alert {alertId} sits at {at ?? "its own unit only"}");
    }

    [Fact]
    public async Task A_due_date_passing_fires_taskOverdue_with_no_request_then_it_counts_above_is_acknowledged_and_climbs_until_then()
    {
        var chain = await cluster.Chain("alert", 3); // root > alert-1 > alert-2 > alert-3
        var leaf = chain[2];
        var draft = TreeFixture.Draft("late", start: "2026-06-01", due: "2026-06-20") with { Title = "七月主题党日" };
        Assert.True((await cluster.Unit(leaf).CreateTask(draft, "tester")).Succeeded);
        var second = TreeFixture.Draft("later", start: "2026-06-01", due: "2026-06-20");
        Assert.True((await cluster.Unit(leaf).CreateTask(second, "tester")).Succeeded);
        Assert.DoesNotContain(await cluster.Unit(leaf).GetAlerts(false), a => a.Rule == "taskOverdue");

        // 2026-06-20 16:00 UTC is 06-21 00:00 in Asia/Shanghai: the window's end.
        var end = new DateTimeOffset(2026, 6, 20, 16, 0, 0, TimeSpan.Zero);
        cluster.Clock.SetUtcNow(end);
        var overdue = await Eventually(leaf, a => a.Rule == "taskOverdue" && a.TaskId == "late", "taskOverdue fires on the clock alone");
        Assert.Equal((AlertSeverity.Red, AlertState.Firing, end, 0), (overdue.Severity, overdue.State, overdue.Since, overdue.EscalationLevel));
        Assert.Contains("七月主题党日", AlertText.Chinese(overdue));
        await Support.Eventually.True(async () => (await cluster.Unit(TreeFixture.Root).GetSummary())!.OpenAlerts >= 2,
            "the root's summary counts the open alerts below it");

        // Acknowledged after one day: it stops at the first level; the other one climbs to the root.
        cluster.Clock.Advance(TimeSpan.FromDays(1));
        await Eventually(leaf, a => a.Id == overdue.Id && a.EscalationLevel == 1 && a.EscalatedToUnitId == chain[1], "the first escalation");
        await SitsAt(overdue.Id, chain[1], chain, a => a.EscalationLevel == 1);
        var acknowledged = await cluster.Unit(leaf).AcknowledgeAlert(overdue.Id, "alert-2-secretary", "已督办");
        Assert.Equal((AlertState.Acknowledged, "alert-2-secretary", "已督办"), (acknowledged.Value!.State, acknowledged.Value.AcknowledgedBy, acknowledged.Value.Note));
        await SitsAt(overdue.Id, chain[1], chain, a => a.State == AlertState.Acknowledged && a.Note == "已督办");
        cluster.Clock.Advance(TimeSpan.FromDays(5));
        var other = await Eventually(leaf, a => a.TaskId == "later" && a.Rule == "taskOverdue" && a.EscalationLevel == 3, "the other climbs to the root");
        Assert.Equal(TreeFixture.Root, other.EscalatedToUnitId);
        await SitsAt(other.Id, TreeFixture.Root, chain, a => a.EscalationLevel == 3);
        var stopped = (await cluster.Unit(leaf).GetAlerts(false)).Single(a => a.Id == overdue.Id);
        Assert.Equal((1, AlertState.Acknowledged), (stopped.EscalationLevel, stopped.State));

        // Done: the alert resolves; acknowledging it now is a conflict.
        Assert.True((await cluster.Unit(leaf).PatchTask("late", new TaskPatch { Status = TaskItemStatus.Done }, null, "tester")).Succeeded);
        var resolved = (await cluster.Unit(leaf).GetAlerts(true)).Single(a => a.Id == overdue.Id);
        Assert.Equal(AlertState.Resolved, resolved.State);
        await SitsAt(overdue.Id, null, chain, _ => true);
        Assert.Equal(Cascade.Outcomes.Outcome.Conflict, (await cluster.Unit(leaf).AcknowledgeAlert(overdue.Id, "x", "late")).Outcome);
    }
}
