using Cascade.Rollup;
using Cascade.Tasks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Unit;

/// <summary>docs/domain.md "Roll-up" inside one unit: own and children's totals, the open count once, versions, origins.</summary>
public sealed class UnitRollupTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 5, 0, 0, 0, TimeSpan.Zero);
    private long _clock = 1_000;
    private readonly List<double> _propagated = [];

    private UnitRollup Unit(string id = "u") => new(id, new HealthOptions(), () => _clock, _propagated.Add);

    private static TaskItem Task(string id, int progress) => new()
    {
        Id = id, Title = id, Track = Track.Party, Weight = 1, Progress = progress, Status = TaskItemStatus.InProgress,
        Start = new DateOnly(2026, 6, 1), Due = new DateOnly(2026, 6, 30), UpdatedAt = Now,
    };

    private static ChildReport Report(string child, long version, int units, Health health = Health.Green, long origin = 0) =>
        new(child, version, new SubtreeTotals(default, default, units, 0, 0, OpenAlerts: 1), health, null, origin);

    [Fact]
    public void The_open_count_joins_once_and_the_version_grows_only_when_a_figure_moved()
    {
        var unit = Unit();
        unit.SetOwn([Task("a", 10)], Now, TestClock.At(Now));
        Assert.Equal(0, unit.Figures.OpenAlerts); // the rules read the figures before the count joins
        unit.Combine(openAlerts: 2, hasParent: true, exists: true);
        var first = unit.Version;
        Assert.Equal((2, 1), (unit.Summary!.OpenAlerts, unit.Summary.Party.Count));
        _clock = 500; // the clock went back: the version still grows
        unit.Combine(openAlerts: 3, hasParent: true, exists: true);
        Assert.Equal(first + 1, unit.Version);
        unit.Combine(openAlerts: 3, hasParent: true, exists: true);
        Assert.Equal(first + 1, unit.Version);
    }

    [Fact]
    public void Reports_count_from_children_only_and_only_when_newer_and_sum_when_asked()
    {
        var unit = Unit();
        unit.Adopt(["a", "b"]);
        Assert.False(unit.Accept(Report("x", 5, 1)));
        Assert.True(unit.Accept(Report("a", 5, 3, Health.Red)));
        Assert.False(unit.Accept(Report("a", 5, 9)));
        Assert.True(unit.Accept(Report("b", 1, 2, Health.Amber)));
        Assert.True(unit.ChildrenDirty);
        unit.Combine(0, hasParent: false, exists: true);
        Assert.Equal(0, unit.Summary!.Units); // not summed yet: the throttle decides when
        unit.SumChildren(["a", "b"]);
        unit.Combine(0, hasParent: false, exists: true);
        Assert.Equal((5, 1, 1, 2), (unit.Summary!.Units, unit.Summary.RedUnits, unit.Summary.AmberUnits, unit.Summary.OpenAlerts));
        unit.Drop("b");
        Assert.False(unit.IsChild("b"));
    }

    [Fact]
    public void A_report_carries_the_oldest_origin_summed_and_the_root_measures_it()
    {
        var unit = Unit();
        unit.Adopt(["a"]);
        unit.Accept(Report("a", 1, 1, origin: 400));
        unit.SumChildren(["a"]);
        unit.Combine(0, hasParent: true, exists: true);
        var report = unit.ReportUp([]);
        Assert.Equal((400, unit.Version), (report.Origin, unit.ReportedVersion));
        Assert.Equal(0, unit.ReportUp([]).Origin); // told once

        var root = Unit("root");
        root.Adopt(["u"]);
        root.Accept(report with { ChildId = "u" });
        root.SumChildren(["u"]);
        root.Combine(0, hasParent: false, exists: true);
        Assert.Equal((1_000 - 400) / 1e6, Assert.Single(_propagated));
    }
}
