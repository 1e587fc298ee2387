using Cascade.Tasks;
using Cascade.Tests.Support;
using Cascade.Units;

namespace Cascade.Tests.Grains;

/// <summary>Helpers to build small trees on a <see cref="GrainCluster"/> with one shared root.</summary>
public static class TreeFixture
{
    public const string Root = "root";

    public static async Task EnsureRoot(this GrainCluster cluster) =>
        await cluster.Organization.CreateUnit(new UnitDraft(Root, null, "root", UnitKind.PartyGroup), "tester");

    /// <summary>A chain of units under the root: prefix-1, prefix-1's child prefix-2, ...; returns them top first.</summary>
    public static async Task<List<string>> Chain(this GrainCluster cluster, string prefix, int length)
    {
        await cluster.EnsureRoot();
        var ids = new List<string>();
        var parent = Root;
        for (var i = 1; i <= length; i++)
        {
            var id = $"{prefix}-{i}";
            var result = await cluster.Organization.CreateUnit(new UnitDraft(id, parent, id, UnitKind.Branch), "tester");
            Assert.True(result.Succeeded, result.Detail);
            ids.Add(id);
            parent = id;
        }
        return ids;
    }

    public static TaskDraft Draft(string id, double weight = 1, Track track = Track.Party, string start = "2026-06-01", string due = "2026-06-30") => new()
    {
        Id = id, Title = id, Track = track, Weight = weight, Start = DateOnly.Parse(start), Due = DateOnly.Parse(due),
    };
}
