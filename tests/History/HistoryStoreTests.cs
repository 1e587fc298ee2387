using Cascade.History;
using Cascade.Units;

namespace Cascade.Tests.History;

/// <summary>What every history store does: appends are idempotent per unit and day, a day stored before kept days leaves theirs as they were, reads by unit and range and by day and subtree with each day's structure, pruning by day.</summary>
public abstract class HistoryStoreTests
{
    protected static readonly DateOnly Day = new(2026, 12, 7);

    protected abstract IHistoryStore Store { get; }

    protected static HistoryPoint Point(DateOnly day, string id, string? parent, int depth, string name = "党支部") =>
        PointCodecTests.Branch(day) with { UnitId = id, ParentId = parent, Depth = depth, Name = name, Kind = UnitKind.Branch };

    /// <summary>Unit b's days 1, 3 and 5, then days 2, 4, 0 and 6 stored around them, with changes of structure between.</summary>
    protected async Task StoreDaysAroundKeptOnes()
    {
        await Store.Append([Point(Day.AddDays(1), "b", "r", 1, "甲")]);
        await Store.Append([Point(Day.AddDays(3), "b", "r", 1, "甲")]);
        await Store.Append([Point(Day.AddDays(5), "b", "r", 1, "丙")]);
        await Store.Append([Point(Day.AddDays(2), "b", "x", 1, "乙")]);
        await Store.Append([Point(Day.AddDays(4), "b", "r", 1, "甲"), Point(Day, "b", "y", 1, "丁"), Point(Day.AddDays(6), "b", "r", 1, "甲")]);
    }

    [Fact]
    public async Task A_day_stored_before_days_already_kept_leaves_their_structure_as_it_was()
    {
        await StoreDaysAroundKeptOnes();
        Assert.Equal([(0, "丁", "y"), (1, "甲", "r"), (2, "乙", "x"), (3, "甲", "r"), (4, "甲", "r"), (5, "丙", "r"), (6, "甲", "r")],
            (await Store.Read("b", Day, Day.AddDays(9))).Select(p => (p.Day.DayNumber - Day.DayNumber, p.Name, p.ParentId)));
    }

    [Fact]
    public async Task A_repeated_append_is_a_no_op()
    {
        await Store.Append([Point(Day, "r", null, 0), Point(Day, "c", "r", 1)]);
        // The batch again after a "crash", with a changed figure: the stored point stays as it was.
        var again = Point(Day, "c", "r", 1, name: "改过的名字");
        await Store.Append([Point(Day, "r", null, 0), again with { Figures = again.Figures with { Count = 1 } }, Point(Day.AddDays(1), "c", "r", 1)]);
        var points = await Store.Read("c", Day.AddDays(-5), Day.AddDays(5));
        Assert.Equal([Day, Day.AddDays(1)], points.Select(p => p.Day));
        Assert.Equal("党支部", points[0].Name);
        Assert.Equal(Point(Day, "c", "r", 1), points[0]);
    }

    [Fact]
    public async Task A_day_is_read_by_its_stored_structure_and_old_days_are_pruned()
    {
        await Store.Append([Point(Day, "r", null, 0), Point(Day, "c", "r", 1), Point(Day, "b1", "c", 2), Point(Day, "b2", "c", 2), Point(Day, "g", "b1", 3)]);
        await Store.Append([Point(Day.AddDays(1), "r", null, 0), Point(Day.AddDays(1), "c", "r", 1), Point(Day.AddDays(1), "g", "c", 2)]);
        Assert.Equal(["c", "b1", "b2", "g"], (await Store.ReadDay(Day, "c", 5)).Select(p => p.UnitId));
        Assert.Equal(["c", "b1", "b2"], (await Store.ReadDay(Day, "c", 1)).Select(p => p.UnitId));
        Assert.Equal(["b1", "g"], (await Store.ReadDay(Day, "b1", 1)).Select(p => p.UnitId));
        Assert.Equal(["c", "g"], (await Store.ReadDay(Day.AddDays(1), "c", 3)).Select(p => p.UnitId));
        Assert.Empty(await Store.ReadDay(Day.AddDays(1), "b1", 3));
        var tree = HistorySubtree.Tree(await Store.ReadDay(Day, "r", 3))!;
        Assert.Equal("c", Assert.Single(tree.Children).Id);
        Assert.Equal(["b1", "b2"], tree.Children[0].Children.Select(n => n.Id));

        Assert.Equal(5, await Store.Prune(Day.AddDays(1)));
        Assert.Empty(await Store.ReadDay(Day, "r", 3));
        Assert.Equal(3, (await Store.ReadDay(Day.AddDays(1), "r", 3)).Count);
        Assert.Equal(0, await Store.Prune(Day.AddDays(1)));
    }

    [Fact]
    public async Task Each_point_reads_with_the_structure_of_its_day()
    {
        await Store.Append([Point(Day, "r", null, 0), Point(Day, "b", "r", 1, "旧名")]);
        await Store.Append([Point(Day.AddDays(1), "r", null, 0), Point(Day.AddDays(1), "b", "r", 1, "旧名")]);
        await Store.Append([Point(Day.AddDays(2), "r", null, 0), Point(Day.AddDays(2), "b", "r", 1, "新名")]);
        await Store.Append([Point(Day.AddDays(3), "r", null, 0), Point(Day.AddDays(3), "b", null, 0, "新名")]); // became a second root's twin
        await Store.Append([Point(Day.AddDays(4), "r", null, 0), Point(Day.AddDays(4), "b", "r", 1, "旧名")]);
        Assert.Equal([("旧名", "r"), ("旧名", "r"), ("新名", "r"), ("新名", null), ("旧名", "r")],
            (await Store.Read("b", Day, Day.AddDays(4))).Select(p => (p.Name, p.ParentId)));
        Assert.Equal([("新名", null), ("旧名", "r")], (await Store.Read("b", Day.AddDays(3), Day.AddDays(9))).Select(p => (p.Name, p.ParentId)));
        Assert.Equal("新名", (await Store.ReadDay(Day.AddDays(2), "r", 1))[1].Name);
        Assert.Single(await Store.ReadDay(Day.AddDays(3), "r", 1));

        // Pruning keeps the structure the remaining points resolve to.
        Assert.Equal(6, await Store.Prune(Day.AddDays(2)) + await Store.Prune(Day.AddDays(3)));
        Assert.Equal([("新名", null), ("旧名", "r")], (await Store.Read("b", Day, Day.AddDays(4))).Select(p => (p.Name, p.ParentId)));
    }

    [Fact]
    public async Task Ranges_and_pruning_cross_months_and_years()
    {
        var start = new DateOnly(2026, 11, 28);
        for (var d = 0; d < 40; d++) // 2026-11-28 .. 2027-01-06
            await Store.Append([Point(start.AddDays(d), "r", null, 0), Point(start.AddDays(d), "b", "r", 1, d < 20 ? "旧名" : "新名")]);
        var all = await Store.Read("b", start.AddDays(-30), start.AddDays(60));
        Assert.Equal(Enumerable.Range(0, 40).Select(start.AddDays), all.Select(p => p.Day));
        Assert.Equal(Enumerable.Range(0, 40).Select(d => d < 20 ? "旧名" : "新名"), all.Select(p => p.Name));
        Assert.Equal([new DateOnly(2026, 12, 30), new DateOnly(2026, 12, 31), new DateOnly(2027, 1, 1)],
            (await Store.Read("b", new DateOnly(2026, 12, 30), new DateOnly(2027, 1, 1))).Select(p => p.Day));
        Assert.Equal(["r", "b"], (await Store.ReadDay(new DateOnly(2026, 11, 30), "r", 1)).Select(p => p.UnitId));

        // Before 2026-12-20: November's 3 days and December's 19, two units each.
        Assert.Equal(2 * (3 + 19), await Store.Prune(new DateOnly(2026, 12, 20)));
        var kept = await Store.Read("b", start, start.AddDays(60));
        Assert.Equal(new DateOnly(2026, 12, 20), kept[0].Day);
        Assert.Equal(18, kept.Count);
        Assert.Equal("新名", kept[0].Name);
        Assert.Empty(await Store.ReadDay(new DateOnly(2026, 12, 19), "r", 1));
        Assert.Equal(2 * 18, await Store.Prune(new DateOnly(2027, 2, 1)));
        Assert.Empty(await Store.Read("b", start, start.AddDays(60)));
    }
}
