using Cascade.Outcomes;
using Cascade.Units;

namespace Cascade.Tests.Unit;

/// <summary>docs/domain.md "Tree": one root, no cycles, a parent that exists, the limits; and the field rules.</summary>
public sealed class TreeRulesTests
{
    private readonly Dictionary<string, UnitInfo> _units = [];
    private readonly Dictionary<string, List<string>> _children = [];

    public TreeRulesTests()
    {
        // root > a > b, root > c
        Add(new UnitInfo("root", null, "Root", UnitKind.PartyGroup));
        Add(new UnitInfo("a", "root", "A", UnitKind.Branch));
        Add(new UnitInfo("b", "a", "B", UnitKind.Branch));
        Add(new UnitInfo("c", "root", "C", UnitKind.Branch));
    }

    private void Add(UnitInfo unit)
    {
        _units[unit.Id] = unit;
        _children.TryAdd(unit.Id, []);
        if (unit.ParentId is { } parent) _children[parent].Add(unit.Id);
    }

    private TreeRules Rules => new(_units, _children);

    [Fact]
    public void A_second_root_is_refused_also_within_one_import()
    {
        Assert.Equal(Outcome.Conflict, Rules.CheckCreate(new UnitInfo("r2", null, "R2", UnitKind.PartyGroup), "root", new TreeBatch())!.Outcome);
        var empty = new TreeRules(new Dictionary<string, UnitInfo>(), new Dictionary<string, List<string>>());
        var batch = new TreeBatch();
        var first = new UnitInfo("r1", null, "R1", UnitKind.PartyGroup);
        Assert.Null(empty.CheckCreate(first, null, batch));
        batch.Add(first);
        Assert.Equal(Outcome.Conflict, empty.CheckCreate(new UnitInfo("r2", null, "R2", UnitKind.PartyGroup), null, batch)!.Outcome);
    }

    [Fact]
    public void A_unit_needs_a_parent_that_exists_now_or_earlier_in_its_import_and_a_new_id()
    {
        Assert.Equal(Outcome.NotFound, Rules.CheckCreate(new UnitInfo("x", "nowhere", "X", UnitKind.Branch), "root", new TreeBatch())!.Outcome);
        var batch = new TreeBatch();
        batch.Add(new UnitInfo("new", "root", "New", UnitKind.Branch));
        Assert.Null(Rules.CheckCreate(new UnitInfo("x", "new", "X", UnitKind.Branch), "root", batch));
        Assert.Equal(Outcome.Conflict, Rules.CheckCreate(new UnitInfo("b", "root", "B again", UnitKind.Branch), "root", new TreeBatch())!.Outcome);
        Assert.Equal(Outcome.Conflict, Rules.CheckCreate(new UnitInfo("new", "root", "New again", UnitKind.Branch), "root", batch)!.Outcome);
    }

    [Fact]
    public void A_move_under_itself_or_below_itself_would_make_a_cycle()
    {
        Assert.Equal(Outcome.Conflict, Rules.CheckParent(_units["a"], "b")!.Outcome);
        Assert.Equal(Outcome.Conflict, Rules.CheckParent(_units["a"], "a")!.Outcome);
        Assert.Null(Rules.CheckParent(_units["b"], "c"));
        Assert.Null(Rules.CheckParent(_units["b"], "a")); // where it is already
        Assert.Equal(Outcome.NotFound, Rules.CheckParent(_units["b"], "nowhere")!.Outcome);
        Assert.Equal(Outcome.Conflict, Rules.CheckParent(_units["b"], null)!.Outcome); // only the root has no parent
        Assert.Null(Rules.CheckParent(_units["root"], null));
        Assert.True(Rules.Reaches("b", "root"));
        Assert.True(Rules.Reaches("b", "b"));
        Assert.False(Rules.Reaches("c", "a"));
    }

    [Fact]
    public void A_parent_holds_at_most_MaxChildren_children_counting_the_import_so_far()
    {
        for (var i = _children["c"].Count; i < UnitRules.MaxChildren - 1; i++) Add(new UnitInfo($"c-{i}", "c", "C", UnitKind.Branch));
        var batch = new TreeBatch();
        var last = new UnitInfo("c-last", "c", "C", UnitKind.Branch);
        Assert.Null(Rules.CheckCreate(last, "root", batch));
        batch.Add(last);
        Assert.Equal(Outcome.Conflict, Rules.CheckCreate(new UnitInfo("c-more", "c", "C", UnitKind.Branch), "root", batch)!.Outcome);
        Add(last);
        Assert.Equal(Outcome.Conflict, Rules.CheckParent(_units["b"], "c")!.Outcome);
    }

    [Theory]
    [InlineData("kjt", true)]
    [InlineData("gxjs-dzb-000001", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("../x", false)]
    public void Ids_follow_the_task_id_rule(string id, bool valid) => Assert.Equal(valid, UnitRules.IsValidId(id));

    [Fact]
    public void Names_are_1_to_100_visible_characters()
    {
        Assert.Null(UnitRules.CheckName("办公室党支部"));
        Assert.Null(UnitRules.CheckName(new string('名', UnitRules.MaxName)));
        Assert.NotNull(UnitRules.CheckName(""));
        Assert.NotNull(UnitRules.CheckName(new string('名', UnitRules.MaxName + 1)));
        Assert.NotNull(UnitRules.CheckName("a\u202Eb"));
    }
}
