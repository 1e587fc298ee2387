using Cascade.Outcomes;
using Cascade.Tests.Support;
using Cascade.Units;

namespace Cascade.Tests.Grains;

public sealed class StructureTests(GrainCluster cluster) : IClassFixture<GrainCluster>
{
    [Fact]
    public async Task Two_concurrent_root_creations_make_one_root()
    {
        await using var fresh = new GrainCluster();
        await fresh.InitializeAsync();
        var results = await Task.WhenAll(
            fresh.Organization.CreateUnit(new UnitDraft("a", null, "a", UnitKind.PartyGroup), "tester"),
            fresh.Organization.CreateUnit(new UnitDraft("b", null, "b", UnitKind.PartyGroup), "tester"));
        Assert.Single(results, r => r.Outcome == Outcome.Created);
        Assert.Single(results, r => r.Outcome == Outcome.Conflict);
        Assert.Single((await fresh.Organization.ListUnits(null))!);
    }

    [Fact]
    public async Task An_import_larger_than_the_writes_kept_under_way_creates_and_links_every_unit()
    {
        await cluster.EnsureRoot();
        var parents = Enumerable.Range(0, 250).Select(i => new UnitDraft($"imp-{i}", TreeFixture.Root, $"imp-{i}", UnitKind.GeneralBranch)).ToList();
        var children = parents.Select(p => new UnitDraft($"{p.Id}-c", p.Id, $"{p.Id}-c", UnitKind.Branch)).ToList();

        var imported = await cluster.Organization.ImportUnits([.. parents, .. children], "tester");

        Assert.True(imported.Succeeded, imported.Detail);
        Assert.Equal(500, imported.Value);
        var root = await cluster.Unit(TreeFixture.Root).GetNode();
        Assert.Equal(250, root!.Children.Count(c => c.StartsWith("imp-", StringComparison.Ordinal)));
        foreach (var parent in parents)
            Assert.Equal([$"{parent.Id}-c"], (await cluster.Unit(parent.Id).GetNode())!.Children);
    }

    [Fact]
    public async Task Two_concurrent_crossing_moves_never_make_a_cycle()
    {
        var a = await cluster.Chain("cross-a", 1);
        var b = await cluster.Chain("cross-b", 1);
        var results = await Task.WhenAll(
            cluster.Organization.UpdateUnit(a[0], new UnitPatch(ParentGiven: true, ParentId: b[0]), "tester"),
            cluster.Organization.UpdateUnit(b[0], new UnitPatch(ParentGiven: true, ParentId: a[0]), "tester"));
        Assert.Single(results, r => r.Outcome == Outcome.Ok);
        Assert.Single(results, r => r.Outcome == Outcome.Conflict);
        // Every unit still reaches the root by parent links.
        var units = (await cluster.Organization.ListUnits(null))!.ToDictionary(u => u.Id);
        foreach (var unit in units.Values)
        {
            var steps = 0;
            for (var at = unit; at.ParentId is not null; at = units[at.ParentId]) Assert.True(++steps < 100, "cycle");
        }
    }

    [Fact]
    public async Task A_unit_with_tasks_or_children_cannot_be_deleted()
    {
        var chain = await cluster.Chain("del", 2);
        Assert.Equal(Outcome.Conflict, (await cluster.Organization.DeleteUnit(chain[0], "tester")).Outcome);
        await cluster.Unit(chain[1]).CreateTask(TreeFixture.Draft("x"), null);
        Assert.Equal(Outcome.Conflict, (await cluster.Organization.DeleteUnit(chain[1], "tester")).Outcome);
        await cluster.Unit(chain[1]).DeleteTask("x", null, null);
        Assert.Equal(Outcome.Ok, (await cluster.Organization.DeleteUnit(chain[1], "tester")).Outcome);
        Assert.Null(await cluster.Unit(chain[1]).Get());
        Assert.Equal(1, (await cluster.Unit(chain[0]).GetSummary())!.Units);
    }

    [Fact]
    public async Task The_directory_is_rebuilt_from_the_units_after_the_organization_restarts()
    {
        var chain = await cluster.Chain("rebuild", 3);
        var before = (await cluster.Organization.ListUnits(null))!.Select(u => u.Id).ToList();
        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var after = (await cluster.Organization.ListUnits(null))!.Select(u => u.Id).ToList();
        Assert.Equal(before, after);
        Assert.Contains(chain[2], after);
    }
}
