using Cascade.Alerts;
using Cascade.Inspections;
using Cascade.Rollup;
using Cascade.Storage;
using Cascade.Tasks;
using Cascade.Tests.Support;
using Cascade.Units;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Xunit.Abstractions;

namespace Cascade.Tests.Inspections;

/// <summary>The frozen shape and the encoding of a frozen unit: its bytes are measured (docs/architecture.md "Inspections").</summary>
public sealed class FrozenRowTests(ITestOutputHelper output)
{
    private static readonly FrozenCodec Codec = new(new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>());
    private static readonly DateTimeOffset At = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    /// <summary>Ten tasks with titles of 20 characters drawn at random from 2,000 common ones (no two alike, as real titles are not), empty notes.</summary>
    private static UnitSnapshot TenTasks(string unit)
    {
        var random = new Random(19);
        string Title() => new([.. Enumerable.Range(0, 20).Select(_ => (char)(0x4E00 + random.Next(2000)))]);
        var tasks = Enumerable.Range(0, 10).Select(i => new TaskItem
        {
            Id = $"t-{i:D4}", Title = Title(), Track = i % 2 == 0 ? Track.Party : Track.Business, Weight = 1 + i % 3,
            Start = new DateOnly(2026, 1, 1), Due = new DateOnly(2026, 12, 31), Status = TaskItemStatus.InProgress, Progress = 7 * i,
            Version = 3 + i, UpdatedAt = At.AddHours(-i), UpdatedBy = "zb-secretary", UpdatedByName = "支部书记",
        }).ToArray();
        var alert = new Alert("al-1", "taskOverdue", AlertSeverity.Red, unit, "t-0001", AlertState.Firing, null, At, At);
        return new UnitSnapshot(tasks, [alert]);
    }

    [Fact]
    public void A_unit_of_ten_tasks_takes_about_150_bytes_a_task_and_round_trips()
    {
        var work = TenTasks("zb-0001");
        var packed = Codec.Work(work);
        var back = Codec.Work(packed);
        Assert.Equal(work.Tasks, back.Tasks);
        Assert.Equal(work.OpenAlerts, back.OpenAlerts);
        var clock = TestClock.At(At);
        var shape = FrozenShape.Of([new UnitInfo("zb-0001", null, "第一党支部", UnitKind.Branch)], "zb-0001")!;
        var row = new FrozenTree(shape, At, clock, new HealthOptions()).Add(work);
        var rowBytes = Codec.Row(row).Length;
        var again = Codec.Row(Codec.Row(row));
        Assert.Equal(row.Totals, again.Totals);
        Assert.Equal(row.Reasons, again.Reasons);
        Assert.Equal(row.Info, again.Info);
        output.WriteLine($"ten tasks and an alert: {packed.Length} bytes of tasks and alerts, {rowBytes} bytes of row, {Codec.Header(new InspectionHeader(new("dc", "督查", "2026-q4", "root", []), At, 1, "admin")).Length} bytes of header");
        Assert.True(packed.Length + rowBytes <= 1500, $"{packed.Length} + {rowBytes} bytes for ten tasks");
    }

    [Fact]
    public void The_shape_is_the_scopes_subtree_depth_first_with_each_subtrees_range()
    {
        UnitInfo U(string id, string? parent) => new(id, parent, id, UnitKind.Branch);
        // root > (a > (a1, a2 > a21), b > b1); the scope a.
        var directory = new[] { U("root", null), U("a", "root"), U("a1", "a"), U("a2", "a"), U("a21", "a2"), U("b", "root"), U("b1", "b") };
        var shape = FrozenShape.Of(directory, "a")!;
        Assert.Equal(["a", "a1", "a2", "a21"], shape.Select(s => s.Unit.Id));
        Assert.Equal([0, 1, 2, 3], shape.Select(s => s.Order));
        Assert.Equal([3, 1, 3, 3], shape.Select(s => s.Last));
        Assert.Equal([0, 1, 1, 2], shape.Select(s => s.Depth));
        var whole = FrozenShape.Of(directory, "root")!;
        Assert.Equal([6, 4, 2, 4, 4, 6, 6], whole.Select(s => s.Last));
        Assert.Null(FrozenShape.Of(directory, "nope"));
    }

    [Fact]
    public void A_parent_holds_its_own_tasks_and_its_childrens_frozen_totals_and_a_gone_unit_counts_empty()
    {
        var clock = TestClock.At(At);
        var directory = new[] { new UnitInfo("p", null, "p", UnitKind.OrganCommittee), new UnitInfo("c1", "p", "c1", UnitKind.Branch), new UnitInfo("c2", "p", "c2", UnitKind.Branch) };
        var shape = FrozenShape.Of(directory, "p")!;
        var tree = new FrozenTree(shape, At, clock, new HealthOptions());
        var c2 = tree.Add(null);
        var c1 = tree.Add(TenTasks("c1"));
        var p = tree.Add(TenTasks("p"));
        Assert.True(tree.Complete);
        Assert.Equal(0, c2.Totals.All.Count);
        Assert.Equal(20, p.Totals.All.Count);
        Assert.Equal(3, p.Totals.Units);
        Assert.Equal(2, p.Totals.OpenAlerts);
        Assert.Equal(c1.Totals.All.ProgressWeight * 2, p.Totals.All.ProgressWeight, 12);
        // A resumed capture restores what was stored and goes on where it stopped.
        var resumed = new FrozenTree(shape, At, clock, new HealthOptions());
        resumed.Restore(c2);
        resumed.Restore(c1);
        Assert.Equal(1, resumed.Next);
        var again = resumed.Add(TenTasks("p"));
        Assert.Equal(p.Totals, again.Totals);
        Assert.Equal(p.Reasons, again.Reasons);
    }
}
