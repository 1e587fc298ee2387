using Cascade.Rollup;
using Cascade.Tasks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Unit;

public sealed class RollupMathTests
{
    // 2026-06-10 16:00 UTC is 2026-06-11 00:00 in Asia/Shanghai.
    private static readonly DateTimeOffset Midnight11th = new(2026, 6, 10, 16, 0, 0, TimeSpan.Zero);
    private static readonly HealthOptions Thresholds = new();

    private static TaskItem Task(string id, double weight = 1, int progress = 0, TaskItemStatus status = TaskItemStatus.InProgress,
        Track track = Track.Party, string start = "2026-06-01", string due = "2026-06-10", DateTimeOffset? updatedAt = null) => new()
    {
        Id = id, Title = id, Track = track, Weight = weight, Progress = progress, Status = status,
        Start = DateOnly.Parse(start), Due = DateOnly.Parse(due), UpdatedAt = updatedAt ?? Midnight11th.AddDays(-1),
    };

    [Fact]
    public void A_task_is_overdue_from_local_midnight_after_its_due_date()
    {
        var task = Task("a");
        var justBefore = TestClock.At(Midnight11th.AddMilliseconds(-1));
        Assert.Equal(0, RollupMath.Of(task, justBefore.Now, justBefore).Overdue);
        var atMidnight = TestClock.At(Midnight11th);
        Assert.Equal(1, RollupMath.Of(task, atMidnight.Now, atMidnight).Overdue);
    }

    [Fact]
    public void A_done_task_is_never_overdue_or_stale()
    {
        var clock = TestClock.At(Midnight11th.AddDays(100));
        var figures = RollupMath.Of(Task("a", progress: 100, status: TaskItemStatus.Done), clock.Now, clock);
        Assert.Equal((0, 0, 1), (figures.Overdue, figures.Stale, figures.Done));
    }

    [Fact]
    public void Expected_progress_grows_linearly_over_the_window()
    {
        // Window: 2026-06-01 00:00 to 2026-06-11 00:00 local, ten days; halfway is 06-06 00:00 local.
        var clock = TestClock.At(new DateTimeOffset(2026, 6, 5, 16, 0, 0, TimeSpan.Zero));
        var figures = RollupMath.Of(Task("a", weight: 2), clock.Now, clock);
        Assert.Equal(1.0, figures.ExpectedWeight, 12);
        var before = TestClock.At(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(0.0, RollupMath.Of(Task("a"), before.Now, before).ExpectedWeight);
    }

    [Fact]
    public void Stale_counts_from_the_later_of_last_update_and_window_start()
    {
        var updated = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var task = Task("a", start: "2026-06-01", due: "2026-12-31", updatedAt: updated);
        // The window starts 2026-05-31 16:00 UTC; 30 days later it is stale, not 30 days after the update.
        var windowStart = new DateTimeOffset(2026, 5, 31, 16, 0, 0, TimeSpan.Zero);
        var early = TestClock.At(windowStart.AddDays(30).AddMilliseconds(-1));
        Assert.Equal(0, RollupMath.Of(task, early.Now, early).Stale);
        var late = TestClock.At(windowStart.AddDays(30));
        Assert.Equal(1, RollupMath.Of(task, late.Now, late).Stale);
    }

    [Fact]
    public void Progress_is_weighted_by_task_not_averaged_by_unit()
    {
        var clock = TestClock.At(Midnight11th.AddDays(-5));
        var one = RollupMath.OwnTotals([Task("a", weight: 1, progress: 100, status: TaskItemStatus.Done)], clock.Now, clock);
        var fifty = RollupMath.OwnTotals(Enumerable.Range(0, 50).Select(i => Task($"t{i}", weight: 1, progress: 0)), clock.Now, clock);
        var parent = RollupMath.AsChild(one, Health.Green) + RollupMath.AsChild(fifty, Health.Red);
        Assert.Equal(1.0 / 51, parent.All.Progress!.Value, 12);
    }

    [Fact]
    public void An_empty_unit_has_no_health_and_null_figures()
    {
        var clock = TestClock.At(Midnight11th);
        var summary = RollupMath.ToSummary("u", RollupMath.OwnTotals([], clock.Now, clock), Thresholds, 1, clock.Now);
        Assert.Equal(Health.None, summary.Health);
        Assert.Null(summary.Lag);
        Assert.Null(summary.Imbalance);
        Assert.Null(summary.All.Progress);
        Assert.Null(summary.All.Expected);
    }

    [Theory]
    [InlineData(0.1999999999, Health.Red)]
    [InlineData(0.1999, Health.Amber)]
    [InlineData(0.0999999999, Health.Amber)]
    [InlineData(0.0999, Health.Green)]
    public void Lag_thresholds_allow_rounding(double lag, Health expected)
    {
        var all = new TrackTotals(1, 1, 0, 0, 0, 0, 0, 0, 0, ProgressWeight: 0.5, ExpectedWeight: 0.5 + lag);
        Assert.Equal(expected, RollupMath.HealthOf(all, Thresholds));
    }

    [Theory]
    [InlineData(10, 1, 0, 0, Health.Red)]    // one overdue of ten equal tasks: 10% overdue share
    [InlineData(100, 2, 0, 0, Health.Amber)] // 2% overdue
    [InlineData(100, 1, 0, 0, Health.Green)] // 1% overdue
    [InlineData(100, 0, 5, 0, Health.Amber)] // 5% blocked
    [InlineData(100, 0, 4, 9, Health.Green)] // 4% blocked, 9% stale
    [InlineData(100, 0, 0, 10, Health.Amber)]// 10% stale
    public void Shares_of_weight_decide_health(int count, int overdue, int blocked, int stale, Health expected)
    {
        var all = new TrackTotals(count, count, 0, blocked, overdue, stale, overdue, blocked, stale, ProgressWeight: count / 2.0, ExpectedWeight: count / 2.0);
        Assert.Equal(expected, RollupMath.HealthOf(all, Thresholds));
    }

    [Fact]
    public void Imbalance_needs_both_tracks()
    {
        var clock = TestClock.At(Midnight11th.AddDays(-5));
        var party = RollupMath.OwnTotals([Task("a", progress: 80)], clock.Now, clock);
        Assert.Null(RollupMath.Imbalance(party));
        var both = RollupMath.OwnTotals([Task("a", progress: 80), Task("b", progress: 30, track: Track.Business)], clock.Now, clock);
        Assert.Equal(0.5, RollupMath.Imbalance(both)!.Value, 12);
    }

    [Fact]
    public void Red_and_amber_units_count_the_units_below_not_the_unit_itself()
    {
        var clock = TestClock.At(Midnight11th);
        var overdueChild = RollupMath.OwnTotals([Task("late")], clock.Now, clock);
        var childHealth = RollupMath.HealthOf(overdueChild.All, Thresholds);
        Assert.Equal(Health.Red, childHealth);
        Assert.Equal(0, overdueChild.RedUnits);
        var parent = RollupMath.OwnTotals([], clock.Now, clock) + RollupMath.AsChild(overdueChild, childHealth);
        Assert.Equal((2, 1, 0), (parent.Units, parent.RedUnits, parent.AmberUnits));
    }
}
