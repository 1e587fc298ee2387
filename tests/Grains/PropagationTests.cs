using System.Diagnostics;
using Cascade.Tasks;
using Cascade.Tests.Support;
using Cascade.Units;

namespace Cascade.Tests.Grains;

public sealed class PropagationTests(GrainCluster cluster) : IClassFixture<GrainCluster>
{
    [Fact]
    public async Task A_units_own_summary_reflects_a_write_when_the_write_returns()
    {
        var chain = await cluster.Chain("own", 1);
        var unit = cluster.Unit(chain[0]);
        await unit.CreateTask(TreeFixture.Draft("a"), null);
        var patched = await unit.PatchTask("a", new TaskPatch { Progress = 40 }, null, null);
        Assert.True(patched.Succeeded);
        var summary = await unit.GetSummary();
        Assert.Equal(0.4, summary!.All.Progress!.Value, 12);
    }

    [Fact]
    public async Task A_lone_update_reaches_the_root_of_a_five_level_chain_within_a_second()
    {
        var chain = await cluster.Chain("lone", 5);
        var leaf = cluster.Unit(chain[^1]);
        await leaf.CreateTask(TreeFixture.Draft("a", weight: 7), null);
        var top = cluster.Unit(chain[0]);
        await Eventually.True(async () => (await top.GetSummary())!.All.Weight == 7, "the top counts the task");

        var watch = Stopwatch.StartNew();
        await leaf.PatchTask("a", new TaskPatch { Weight = 9 }, null, null);
        await Eventually.True(async () => (await top.GetSummary())!.All.Weight == 9, "the top reflects the new weight", TimeSpan.FromSeconds(1));
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_burst_of_updates_is_folded_and_ends_exact_at_the_top()
    {
        var chain = await cluster.Chain("burst", 3);
        var leaf = cluster.Unit(chain[^1]);
        for (var i = 0; i < 20; i++) await leaf.CreateTask(TreeFixture.Draft($"t{i}"), null);
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => leaf.PatchTask($"t{i % 20}", new TaskPatch { Progress = i % 100 }, null, null)));
        var expected = (await leaf.GetSummary())!.All.Progress;
        await Eventually.True(async () => (await cluster.Unit(chain[0]).GetSummary())!.All.Progress == expected, "the top equals the leaf");
    }

    [Fact]
    public async Task Moving_a_unit_rolls_up_into_the_new_parent_and_out_of_the_old()
    {
        var left = await cluster.Chain("left", 2);
        var right = await cluster.Chain("right", 2);
        var mover = cluster.Unit(left[1]);
        await mover.CreateTask(TreeFixture.Draft("m", weight: 5), null);
        await Eventually.True(async () => (await cluster.Unit(left[0]).GetSummary())!.All.Weight == 5, "left counts the task");

        var moved = await cluster.Organization.UpdateUnit(left[1], new UnitPatch(ParentGiven: true, ParentId: right[1]), "tester");
        Assert.True(moved.Succeeded, moved.Detail);

        await Eventually.True(async () => (await cluster.Unit(left[0]).GetSummary())!.All.Weight == 0
            && (await cluster.Unit(left[0]).GetSummary())!.Units == 1, "the old chain lost the unit");
        await Eventually.True(async () => (await cluster.Unit(right[0]).GetSummary())!.All.Weight == 5
            && (await cluster.Unit(right[0]).GetSummary())!.Units == 3, "the new chain gained the unit");
    }

    [Fact]
    public async Task Versions_only_grow_also_across_a_reactivation()
    {
        var chain = await cluster.Chain("version", 1);
        var unit = cluster.Unit(chain[0]);
        await unit.CreateTask(TreeFixture.Draft("a"), null);
        var before = (await unit.GetSummary())!.Version;
        await unit.PatchTask("a", new TaskPatch { Progress = 10 }, null, null);
        var after = (await unit.GetSummary())!.Version;
        Assert.True(after > before);
        Assert.True(after < 1L << 53);

        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await unit.PatchTask("a", new TaskPatch { Progress = 20 }, null, null);
        Assert.True((await unit.GetSummary())!.Version > after);
    }

    [Fact]
    public async Task Time_alone_makes_a_task_overdue_at_the_top_with_no_request()
    {
        await using var fast = new GrainCluster { ClockInterval = TimeSpan.FromMilliseconds(50) };
        await fast.InitializeAsync();
        var chain = await fast.Chain("clock", 3);
        // Due 2026-06-20: overdue from 2026-06-21 00:00 Asia/Shanghai = 2026-06-20 16:00 UTC.
        await fast.Unit(chain[^1]).CreateTask(TreeFixture.Draft("due", due: "2026-06-20"), null);
        var top = fast.Unit(chain[0]);
        await Eventually.True(async () => (await top.GetSummary())!.All.Count == 1, "the top counts the task");
        Assert.Equal(0, (await top.GetSummary())!.All.Overdue);

        fast.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 20, 16, 0, 0, TimeSpan.Zero));
        await Eventually.True(async () => (await top.GetSummary())!.All.Overdue == 1, "the top shows the task overdue");
        Assert.Equal(Cascade.Rollup.Health.Red, (await top.GetSummary())!.Health);
    }
}
