using Cascade.Alerts;
using Cascade.Tasks;
using Cascade.Tests.Support;
using Cascade.Units;
using Orleans.Core.Internal;

namespace Cascade.Tests.Grains;

/// <summary>
/// The open-alert index (decision 010): a subtree's answer is exactly the open alerts of the units in
/// it, as their units hold them, through firing, escalation, acknowledgement and resolution.
/// </summary>
public sealed class AlertIndexTests(AlertIndexTests.Cluster cluster) : IClassFixture<AlertIndexTests.Cluster>
{
    public sealed class Cluster : GrainCluster
    {
        public Cluster()
        {
            ClockInterval = TimeSpan.FromMilliseconds(100);
            EscalateAfter = TimeSpan.FromDays(1);
        }
    }

    private static string Show(Alert a) => $"{a.Id}/{a.State}/{a.EscalatedToUnitId}/{a.AcknowledgedByName}";

    /// <summary>
    /// Eventually the index's answer for <paramref name="top"/> equals the open alerts its
    /// <paramref name="units"/> hold, and the overdue tasks' alerts among them are <paramref name="overdue"/> ("unit/task").
    /// </summary>
    private async Task AnswersExactly(string top, IReadOnlyList<string> units, string[] overdue, string what)
    {
        List<string> want = [], got = [];
        await Eventually.True(async () =>
        {
            var open = (await Task.WhenAll(units.Select(u => cluster.Unit(u).GetAlerts(false)))).SelectMany(a => a).ToList();
            want = [.. open.Select(Show).Order()];
            got = [.. (await AlertIndexPartitions.Subtree(cluster.Grains, top)).Select(Show).Order()];
            return open.Where(a => a.Rule == "taskOverdue").Select(a => $"{a.UnitId}/{a.TaskId}").Order().SequenceEqual(overdue.Order())
                && want.SequenceEqual(got);
        }, $"{what}: want [{string.Join(", ", want)}], got [{string.Join(", ", got)}]");
    }

    [Fact]
    public async Task The_subtree_answer_is_the_subtree_open_alerts_through_escalation_acknowledgement_and_resolution()
    {
        var chain = await cluster.Chain("idx", 3); // root > idx-1 > idx-2 > idx-3
        var side = "idx-side";
        Assert.True((await cluster.Organization.CreateUnit(new UnitDraft(side, chain[0], "侧支部", UnitKind.Branch), "tester")).Succeeded);
        var outside = (await cluster.Chain("idx-out", 1))[0];
        foreach (var unit in new[] { chain[1], chain[2], side, outside })
            Assert.True((await cluster.Unit(unit).CreateTask(TreeFixture.Draft("late", start: "2026-06-01", due: "2026-06-20"), "tester")).Succeeded);
        Assert.True((await cluster.Unit(chain[2]).CreateTask(TreeFixture.Draft("later", start: "2026-06-01", due: "2026-06-20"), "tester")).Succeeded);
        var subtree = new[] { chain[0], chain[1], chain[2], side };

        cluster.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 20, 16, 0, 0, TimeSpan.Zero)); // the 20th's end in Asia/Shanghai
        string[] overdue = [$"{chain[1]}/late", $"{chain[2]}/late", $"{chain[2]}/later", $"{side}/late"];
        await AnswersExactly(chain[0], subtree, overdue, "fired");
        await AnswersExactly(chain[1], [chain[1], chain[2]], overdue[..3], "the middle's subtree");
        Assert.DoesNotContain(await AlertIndexPartitions.Subtree(cluster.Grains, chain[0]), a => a.UnitId == outside);

        // A day on, every one has climbed a level; the index holds where each sits now.
        cluster.Clock.Advance(TimeSpan.FromDays(1));
        await Eventually.True(async () => (await cluster.Unit(chain[2]).GetAlerts(false)).Where(a => a.Rule == "taskOverdue").All(a => a.EscalatedToUnitId == chain[1]), "the leaf's overdue alerts climb");
        await AnswersExactly(chain[0], subtree, overdue, "escalated");
        var climbed = (await cluster.Unit(chain[1]).GetAlertsHere(false)).Where(a => a.UnitId == chain[2]).Select(a => a.Id).Order();
        Assert.Equal((await cluster.Unit(chain[2]).GetAlerts(false)).Where(a => a.EscalatedToUnitId == chain[1]).Select(a => a.Id).Order(), climbed);

        // Acknowledged (with the acknowledger's name), then resolved by the report: the index follows.
        var leafAlert = (await cluster.Unit(chain[2]).GetAlerts(false)).First(a => a.TaskId == "late");
        var acknowledged = await cluster.Unit(chain[2]).AcknowledgeAlert(leafAlert.Id, "idx-secretary", "已督办", "第三支部书记");
        Assert.Equal("第三支部书记", acknowledged.Value!.AcknowledgedByName);
        await AnswersExactly(chain[0], subtree, overdue, "acknowledged");
        Assert.Contains(await AlertIndexPartitions.Subtree(cluster.Grains, chain[1]),
            a => a.Id == leafAlert.Id && a.State == AlertState.Acknowledged && a.AcknowledgedByName == "第三支部书记");
        Assert.True((await cluster.Unit(chain[2]).PatchTask("late", new TaskPatch { Status = TaskItemStatus.Done }, null, "tester")).Succeeded);
        Assert.True((await cluster.Unit(side).PatchTask("late", new TaskPatch { Status = TaskItemStatus.Done }, null, "tester")).Succeeded);
        await AnswersExactly(chain[0], subtree, [$"{chain[1]}/late", $"{chain[2]}/later"], "resolved");
        Assert.DoesNotContain(await AlertIndexPartitions.Subtree(cluster.Grains, chain[0]), a => a.Id == leafAlert.Id);
    }

    [Fact]
    public async Task A_lost_message_is_repaired_when_the_unit_reconciles()
    {
        var unit = (await cluster.Chain("idx-lost", 1))[0];
        Assert.True((await cluster.Unit(unit).CreateTask(TreeFixture.Draft("blocked") with { Status = TaskItemStatus.Blocked }, "tester")).Succeeded);
        await Eventually.True(async () => (await cluster.Unit(unit).GetAlerts(false)).Any(a => a.Rule == "taskBlocked"), "fired");
        var alert = (await cluster.Unit(unit).GetAlerts(false)).First(a => a.Rule == "taskBlocked");
        await Eventually.True(async () => (await AlertIndexPartitions.Subtree(cluster.Grains, unit)).Any(a => a.Id == alert.Id), "indexed");
        // The index forgets it (as if the partition lost its last second and started anew, its memory
        // gone with it): the unit's reconcile tells it again.
        var partition = AlertIndexPartitions.Of(cluster.Grains, unit);
        await partition.Sync(unit, long.MaxValue - 1, []);
        await Eventually.True(async () => (await AlertIndexPartitions.Subtree(cluster.Grains, unit)).Count == 0, "forgotten");
        await partition.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await cluster.Unit(unit).Reconcile();
        await Eventually.True(async () => (await AlertIndexPartitions.Subtree(cluster.Grains, unit)).Any(a => a.Id == alert.Id), "repaired");
    }
}
