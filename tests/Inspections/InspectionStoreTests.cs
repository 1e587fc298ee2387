using Cascade.Alerts;
using Cascade.Inspections;
using Cascade.Rollup;
using Cascade.Storage;
using Cascade.Tasks;
using Cascade.Tests.Support;
using Cascade.Units;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Cascade.Tests.Inspections;

/// <summary>
/// What every inspection store does (docs/architecture.md "Inspections"): each write inserts once and
/// a repeat keeps the first; the list is newest first with each seal's time; a subtree is read by
/// order and depth without tasks; one unit's row and work by its id; a unit of 2,000 tasks round-trips.
/// </summary>
public abstract class InspectionStoreTests
{
    protected static readonly FrozenCodec Codec = new(new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>());
    private static readonly DateTimeOffset At = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    protected abstract IInspectionStore Store { get; }

    private static InspectionHeader Header(string id, DateTimeOffset takenAt, int units = 3) =>
        new(new InspectionRequest(id, "四季度督查", "2026-q4", "p", ["c1"]), takenAt, units, "admin");

    /// <summary><paramref name="count"/> tasks, titles of 20 random characters (of 2,000 common ones) and notes of <paramref name="noteChars"/>.</summary>
    protected static UnitSnapshot Work(string unit, int count, int noteChars = 0, int titleChars = 20)
    {
        var random = new Random(unit.GetHashCode(StringComparison.Ordinal));
        string Text(int n) => new([.. Enumerable.Range(0, n).Select(_ => (char)(0x4E00 + random.Next(2000)))]);
        var tasks = Enumerable.Range(0, count).Select(i => new TaskItem
        {
            Id = $"t-{i:D4}", Title = Text(titleChars), Note = Text(noteChars), Track = i % 2 == 0 ? Track.Party : Track.Business,
            Start = new DateOnly(2026, 1, 1), Due = new DateOnly(2026, 12, 31), Status = TaskItemStatus.InProgress, Progress = i % 100,
            Version = 1 + i, UpdatedAt = At.AddMinutes(-i), UpdatedBy = "zb-secretary", UpdatedByName = "支部书记",
        }).ToArray();
        return new UnitSnapshot(tasks, [new Alert("al-1", "taskOverdue", AlertSeverity.Red, unit, "t-0001", AlertState.Firing, null, At, At)]);
    }

    /// <summary>p &gt; (c1 &gt; g1, c2): rows in order, each with its work.</summary>
    protected static List<(FrozenUnit Unit, UnitSnapshot Work)> Frozen(Func<string, UnitSnapshot>? work = null)
    {
        work ??= id => Work(id, 3);
        UnitInfo U(string id, string? parent) => new(id, parent, "单位" + id, UnitKind.Branch);
        var shape = FrozenShape.Of([U("p", null), U("c1", "p"), U("g1", "c1"), U("c2", "p")], "p")!;
        var tree = new FrozenTree(shape, At, TestClock.At(At), new HealthOptions());
        var rows = new (FrozenUnit, UnitSnapshot)[shape.Length];
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            var snapshot = work(shape[i].Unit.Id);
            rows[i] = (tree.Add(snapshot), snapshot);
        }
        return [.. rows];
    }

    [Fact]
    public async Task Headers_and_seals_are_written_once_and_listed_newest_first()
    {
        await Store.AddHeader(Header("q3", At.AddDays(-90)));
        await Store.AddHeader(Header("q4", At));
        await Store.AddHeader(Header("q4", At.AddDays(1), units: 99)); // a repeat keeps the first
        Assert.Equal("capturing", (await Store.Header("q4"))!.State);
        await Store.Seal("q4", At.AddSeconds(5));
        await Store.Seal("q4", At.AddSeconds(50));
        var q4 = (await Store.Header("q4"))!;
        Assert.Equal((3, At, At.AddSeconds(5), "captured"), (q4.Units, q4.TakenAt, q4.CapturedAt, q4.State));
        Assert.Equal(["c1"], q4.Request.InspectorUnitIds);
        Assert.Null(await Store.Header("q9"));
        var all = await Store.Headers();
        Assert.Equal(["q4", "q3"], all.Select(h => h.Id));
        Assert.Equal([At.AddSeconds(5), null], all.Select(h => h.CapturedAt));
    }

    [Fact]
    public async Task Rows_read_by_order_depth_and_unit_and_a_repeated_batch_keeps_the_first()
    {
        var rows = Frozen();
        await Store.Append("i1", rows[..2]);
        await Store.Append("i1", rows[2..]);
        // The last batch again, as a resumed capture appends it, with other tasks: the first stays.
        await Store.Append("i1", [.. rows[2..].Select(r => (r.Unit with { Name = "改过" }, Work(r.Unit.UnitId, 9)))]);
        await Store.Append("i2", rows[..1]);

        Assert.Equal(["p", "c1", "g1", "c2"], (await Store.Rows("i1", 0, 3, 5)).Select(r => r.UnitId));
        Assert.Equal(["p", "c1", "c2"], (await Store.Rows("i1", 0, 3, 1)).Select(r => r.UnitId));
        Assert.Equal(["c1", "g1"], (await Store.Rows("i1", 1, 2, 2)).Select(r => r.UnitId));
        Assert.Equal(["p"], (await Store.Rows("i2", 0, 3, 5)).Select(r => r.UnitId));
        Assert.Empty(await Store.Rows("i3", 0, 3, 5));

        var c2 = (await Store.Row("i1", "c2"))!;
        Assert.Equal(("单位c2", rows[3].Unit.Totals, rows[3].Unit.Order, rows[3].Unit.Last), (c2.Name, c2.Totals, c2.Order, c2.Last));
        var work = (await Store.Work("i1", "g1"))!;
        Assert.Equal(rows[2].Work.Tasks, work.Tasks);
        Assert.Equal(rows[2].Work.OpenAlerts, work.OpenAlerts);
        Assert.Null(await Store.Row("i1", "nope"));
        Assert.Null(await Store.Work("i2", "c1"));
    }

    [Fact]
    public async Task A_unit_of_2000_tasks_with_long_titles_and_notes_round_trips()
    {
        // 2,000 tasks of 200-character titles and 600-character notes: megabytes even compressed,
        // more than one Azure Table entity (1 MiB) or transaction (4 MiB) holds.
        var big = Work("c1", TaskRules.MaxTasksPerUnit, noteChars: 600, titleChars: 200);
        Assert.True(Codec.Work(big).Length > 2_000_000, $"{Codec.Work(big).Length:N0} bytes compressed");
        var rows = Frozen(id => id == "c1" ? big : Work(id, 3));
        await Store.Append("big", rows);
        await Store.Append("big", rows); // a retry changes nothing
        var back = (await Store.Work("big", "c1"))!;
        Assert.Equal(big.Tasks, back.Tasks);
        Assert.Equal(rows[2].Work.Tasks, (await Store.Work("big", "g1"))!.Tasks);
        Assert.Equal(2_009, (await Store.Row("big", "p"))!.Totals.All.Count);
    }
}
