using Cascade.Rollup;
using Cascade.Tasks;
using Cascade.Tests.Support;
using Cascade.Units;

namespace Cascade.Tests.Grains;

/// <summary>
/// docs/architecture.md "Data flows one way", step 3: "a reconciliation pass that repairs a lost message". A parent is
/// made to hold a wrong report of its child, as if the child's latest report had been lost with a
/// node; the pass, which runs on every node whenever the cluster's set of nodes changes, puts it right.
/// </summary>
public sealed class RollupRepairTests
{
    [Fact]
    public async Task Reconcile_reads_every_childs_report_again()
    {
        await using var cluster = await Started();
        var (top, leaf) = await ParentHoldingAWrongReport(cluster, "reconcile");

        await top.Reconcile();

        Assert.Equal(7, (await top.GetSummary())!.All.Weight);
        Assert.Equal((await leaf.GetSummary())!.All.Progress, (await top.GetSummary())!.All.Progress);
    }

    [Fact]
    public async Task A_node_joining_the_cluster_repairs_a_lost_report_on_every_node()
    {
        await using var cluster = await Started();
        var (top, _) = await ParentHoldingAWrongReport(cluster, "join");
        await Task.Delay(RollupRepair.Settle * 2);
        Assert.Equal(100, (await top.GetSummary())!.All.Weight); // nothing repairs it while the cluster stays as it is

        await cluster.AddSiloAsync();

        await Eventually.True(async () => (await top.GetSummary())!.All.Weight == 7,
            "the parent's figures are its child's again", RollupRepair.Settle + TimeSpan.FromSeconds(20));
    }

    private static async Task<GrainCluster> Started()
    {
        var cluster = new GrainCluster();
        await cluster.InitializeAsync();
        return cluster;
    }

    /// <summary>A parent and its child with one task of weight 7; the parent then takes a report of weight 100 as the child's newest.</summary>
    private static async Task<(IUnitGrain Top, IUnitGrain Leaf)> ParentHoldingAWrongReport(GrainCluster cluster, string prefix)
    {
        var chain = await cluster.Chain(prefix, 2);
        var (top, leaf) = (cluster.Unit(chain[0]), cluster.Unit(chain[1]));
        await leaf.CreateTask(TreeFixture.Draft("a", weight: 7), null);
        await leaf.PatchTask("a", new TaskPatch { Progress = 30 }, null, null);
        await Eventually.True(async () => (await top.GetSummary())!.All.Weight == 7, "the parent counts the task");

        var report = (await leaf.GetReport())!;
        var wrong = report.Totals with { Party = report.Totals.Party with { Weight = 100, ProgressWeight = 90 } };
        await top.ChildChanged(report with { Version = report.Version + 1, Totals = wrong });
        await Eventually.True(async () => (await top.GetSummary())!.All.Weight == 100, "the parent took the wrong report");
        return (top, leaf);
    }
}
