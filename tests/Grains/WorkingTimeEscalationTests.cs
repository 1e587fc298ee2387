using Cascade.Alerts;
using Cascade.Tests.Support;

namespace Cascade.Tests.Grains;

/// <summary>
/// docs/domain.md "Alerts" in the unit grains with <c>Cascade:Alerts:WorkingTimeOnly=true</c>: an
/// unacknowledged alert climbs after two working days, so across 国庆 2026 not before the 9th.
/// </summary>
public sealed class WorkingTimeEscalationTests(WorkingTimeEscalationTests.Cluster cluster) : IClassFixture<WorkingTimeEscalationTests.Cluster>
{
    /// <summary>Units re-evaluate every 100 ms; an alert climbs a level per two working days of the fake clock.</summary>
    public sealed class Cluster : GrainCluster
    {
        public Cluster()
        {
            ClockInterval = TimeSpan.FromMilliseconds(100);
            EscalateAfter = TimeSpan.FromDays(2);
            WorkingTimeOnly = true;
        }
    }

    /// <summary>The local (Asia/Shanghai) midnight that starts a day of 2026, in UTC (the fake clock takes UTC).</summary>
    private static DateTimeOffset Midnight(int month, int day) => new DateTimeOffset(2026, month, day, 0, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    private async Task<Alert> Overdue(string unit, string taskId, Func<Alert, bool> match, string what)
    {
        Alert? found = null;
        await Support.Eventually.True(async () =>
            (found = (await cluster.Unit(unit).GetAlerts(false)).FirstOrDefault(a => a.Rule == "taskOverdue" && a.TaskId == taskId && match(a))) is not null, what);
        return found!;
    }

    [Fact]
    public async Task An_alert_of_the_last_day_of_September_climbs_after_national_day_on_the_9th()
    {
        var chain = await cluster.Chain("workday", 2); // root > workday-1 > workday-2
        var leaf = chain[1];
        // "late" is overdue from 09-30 00:00; the probes fire at 10-02 and 10-08 00:00: once one is seen, that clock pass (and its escalation) is over.
        foreach (var (id, due) in new[] { ("late", "2026-09-29"), ("probe-2nd", "2026-10-01"), ("probe-8th", "2026-10-07") })
            Assert.True((await cluster.Unit(leaf).CreateTask(TreeFixture.Draft(id, start: "2026-06-01", due: due), "tester")).Succeeded);

        cluster.Clock.SetUtcNow(Midnight(9, 30));
        var late = await Overdue(leaf, "late", _ => true, "taskOverdue fires at the end of the 29th");
        Assert.Equal((Midnight(9, 30), 0), (late.FiredAt, late.EscalationLevel));

        // Two days of all time, one working day (the 30th): it stays.
        cluster.Clock.SetUtcNow(Midnight(10, 2));
        await Overdue(leaf, "probe-2nd", _ => true, "the clock pass of 10-02 00:00");
        Assert.Equal(0, (await Overdue(leaf, "late", _ => true, "the late alert")).EscalationLevel);

        // The holidays of 国庆 do not count: at 10-08 00:00 still one working day.
        cluster.Clock.SetUtcNow(Midnight(10, 8));
        await Overdue(leaf, "probe-8th", _ => true, "the clock pass of 10-08 00:00");
        Assert.Equal(0, (await Overdue(leaf, "late", _ => true, "the late alert")).EscalationLevel);

        // The 8th is the second working day: at its end the alert climbs to the parent.
        cluster.Clock.SetUtcNow(Midnight(10, 9));
        var climbed = await Overdue(leaf, "late", a => a.EscalationLevel == 1, "the first escalation at 10-09 00:00");
        Assert.Equal(chain[0], climbed.EscalatedToUnitId);
        await Support.Eventually.True(async () => (await cluster.Unit(chain[0]).GetAlertsHere(false)).Any(a => a.Id == late.Id),
            "the parent lists the alert that climbed to it");
    }
}
