using Cascade.Directives;
using Cascade.Outcomes;
using Cascade.Units;

namespace Cascade.Tests.Unit;

/// <summary>
/// A directive's targets against the tree (docs/domain.md "Directives"): the listed units plus
/// every unit strictly below <c>under</c> of the given kinds, in id order, each once; refused,
/// naming the first ones, when a unit does not exist, is not strictly below the issuer, when
/// none is named, or when there are more than 100,000.
/// </summary>
public sealed class TargetResolverTests
{
    private static readonly UnitInfo[] Tree =
    [
        new("root", null, "党组", UnitKind.PartyGroup),
        new("jgdw", "root", "机关党委", UnitKind.OrganCommittee),
        new("zz", "jgdw", "党总支", UnitKind.GeneralBranch),
        new("b2", "zz", "第二支部", UnitKind.Branch),
        new("b1", "jgdw", "第一支部", UnitKind.Branch),
        new("office", "jgdw", "办公室", UnitKind.Office),
        new("other", "root", "另一处", UnitKind.Office),
    ];

    private static Result<List<string>> Resolve(string issuer, TargetSpec spec, IReadOnlyList<UnitInfo>? units = null) =>
        TargetResolver.Resolve(issuer, spec, units ?? Tree);

    private static string Message(Result<List<string>> result) => Assert.Single(result.Errors!["targets"]);

    [Fact]
    public void Under_with_kinds_takes_every_unit_of_those_kinds_strictly_below_it_and_the_listed_ones_once_in_id_order()
    {
        Assert.Equal(["b1", "b2"], Resolve("jgdw", new(null, "jgdw", [UnitKind.Branch])).Value);
        Assert.Equal(["b1", "b2", "office", "zz"], Resolve("jgdw", new(null, "jgdw", null)).Value);
        Assert.Equal(["b1", "b2", "office"], Resolve("jgdw", new(["office", "b1"], "zz", null)).Value);
        Assert.Equal(["b1", "b2", "jgdw", "office", "other", "zz"], Resolve("root", new(null, "root", [])).Value);
    }

    [Fact]
    public void A_unit_that_does_not_exist_or_is_not_strictly_below_the_issuer_is_refused_by_name()
    {
        Assert.Contains("'ghost'", Message(Resolve("jgdw", new(["b1", "ghost"], null, null))));
        Assert.Contains("'jgdw'", Message(Resolve("jgdw", new(["jgdw"], null, null))));
        Assert.Contains("'other'", Message(Resolve("jgdw", new(["other"], null, null))));
        Assert.Contains("'root'", Message(Resolve("jgdw", new(null, "root", null))));
        Assert.Contains("'ghost'", Message(Resolve("jgdw", new(null, "ghost", null))));
    }

    [Fact]
    public void No_target_at_all_is_refused()
    {
        Assert.Contains("no unit", Message(Resolve("jgdw", new([], null, null))));
        Assert.Contains("no unit", Message(Resolve("b1", new(null, "b1", null))));
        Assert.Contains("no unit", Message(Resolve("jgdw", new(null, "jgdw", [UnitKind.PartyGroup]))));
    }

    [Fact]
    public void More_than_100000_targets_are_refused_and_exactly_100000_are_taken()
    {
        UnitInfo[] Flat(int below) =>
            [new("root", null, "党组", UnitKind.PartyGroup), .. Enumerable.Range(0, below).Select(i => new UnitInfo($"u{i:D6}", "root", $"支部{i}", UnitKind.Branch))];
        var refused = Resolve("root", new(null, "root", null), Flat(100_001));
        Assert.Contains("At most 100000 targets (100001 given)", Message(refused));
        Assert.Equal(100_000, Resolve("root", new(null, "root", null), Flat(100_000)).Value!.Count);
    }
}
