using Cascade.Alerts;
using Cascade.Silences;
using Cascade.Tasks;
using Cascade.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Tests.Grains;

/// <summary>
/// docs/domain.md "Silences" in the grains: a climb-stopping silence holds an alert where it is and
/// its escalation counts afresh from the silence's end, while an alert it does not cover climbs
/// on the same clock pass; every node's cache learns of a silence within its refresh period.
/// </summary>
public sealed class SilenceTests(SilenceTests.Cluster cluster) : IClassFixture<SilenceTests.Cluster>
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

    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private async Task<Alert> Alert(string unit, string rule) => (await cluster.Unit(unit).GetAlerts(false)).Single(a => a.Rule == rule);

    private async Task<Alert> Eventually(string unit, string rule, int level, string what)
    {
        Alert? found = null;
        await Support.Eventually.True(async () => (found = await Alert(unit, rule)).EscalationLevel >= level, what,
            detail: () => $"at level {found?.EscalationLevel}");
        return found!;
    }

    [Fact]
    public async Task A_climb_stopping_silence_holds_the_alert_it_covers_and_its_climb_counts_afresh_from_the_silence_s_end()
    {
        var chain = await cluster.Chain("sil", 3); // root > sil-1 > sil-2 > sil-3
        var leaf = chain[2];
        var start = cluster.Clock.GetUtcNow();
        // Both fire now: a task due yesterday (taskOverdue) and a blocked one (taskBlocked).
        Assert.True((await cluster.Unit(leaf).CreateTask(TreeFixture.Draft("late", start: "2026-06-01", due: "2026-06-10"), "tester")).Succeeded);
        Assert.True((await cluster.Unit(leaf).CreateTask(TreeFixture.Draft("stuck", start: "2026-06-01", due: "2026-12-31") with { Status = TaskItemStatus.Blocked }, "tester")).Succeeded);
        var overdue = await Alert(leaf, "taskOverdue");
        Assert.Equal((start, 0), (overdue.FiredAt, overdue.EscalationLevel));

        // sil-1's subtree, taskOverdue only, climb stopped for two and a half days.
        var silence = new Silence("s-climb", chain[0], true, "taskOverdue", start + 2.5 * Day, "换届期间", true, start, "leader", "领导");
        Assert.Equal(Cascade.Outcomes.Outcome.Created, (await cluster.Grains.GetGrain<ISilenceGrain>(ISilenceGrain.Key).Create(silence)).Outcome);
        // Every node's cache reads it now (not within its 10 s): the other test may have added a node.
        foreach (var services in cluster.EverySiloServices) await services.GetRequiredService<SilenceBook>().Refresh();

        // Two days on: the blocked task's alert climbs twice in the pass that holds the silenced one.
        cluster.Clock.SetUtcNow(start + 2 * Day + TimeSpan.FromMinutes(1));
        await Eventually(leaf, "taskBlocked", 2, "the uncovered alert climbs two levels");
        Assert.Equal(0, (await Alert(leaf, "taskOverdue")).EscalationLevel);

        // The silence ended at 2.5 days; a day later the other alert is at the root, this one counts from the end.
        cluster.Clock.SetUtcNow(start + 3 * Day + TimeSpan.FromMinutes(1));
        await Eventually(leaf, "taskBlocked", 3, "the uncovered alert reaches the root");
        Assert.Equal(0, (await Alert(leaf, "taskOverdue")).EscalationLevel);

        cluster.Clock.SetUtcNow(start + 3.5 * Day + TimeSpan.FromMinutes(1));
        var climbed = await Eventually(leaf, "taskOverdue", 1, "the silenced alert climbs one day after the silence's end");
        Assert.Equal((1, chain[1]), (climbed.EscalationLevel, climbed.EscalatedToUnitId));
        cluster.Clock.SetUtcNow(start + 4.5 * Day + TimeSpan.FromMinutes(1));
        Assert.Equal(chain[0], (await Eventually(leaf, "taskOverdue", 2, "and on after each further day")).EscalatedToUnitId);
    }

    [Fact]
    public async Task Another_node_s_cache_learns_of_a_silence_within_its_refresh_period()
    {
        await cluster.EnsureRoot();
        if (cluster.EverySiloServices.Count < 2) await cluster.AddSiloAsync();
        var now = cluster.Clock.GetUtcNow();
        var id = $"s-node-{Guid.NewGuid():N}"[..20];
        await cluster.Grains.GetGrain<ISilenceGrain>(ISilenceGrain.Key)
            .Create(new Silence(id, TreeFixture.Root, true, null, now + Day, "演练", false, now, "admin", null));
        var started = DateTime.UtcNow;
        await Support.Eventually.True(() => Task.FromResult(cluster.EverySiloServices.All(s => s.GetRequiredService<SilenceBook>().All.Any(x => x.Id == id))),
            "every node's cache holds the silence", TimeSpan.FromSeconds(25));
        Assert.True(DateTime.UtcNow - started < SilenceBook.RefreshEvery + TimeSpan.FromSeconds(5), "learnt within the refresh period");
        var alert = new Alert("x.1", "taskStale", AlertSeverity.Amber, "x", "t", AlertState.Firing, null, now, now);
        foreach (var services in cluster.EverySiloServices)
            Assert.Equal(id, services.GetRequiredService<SilenceBook>().Covering(alert, ["x", TreeFixture.Root], now)?.Id);
    }
}
