using Cascade.Alerts;
using Cascade.History;
using Cascade.Reports;
using Cascade.Rollup;
using Cascade.Tasks;
using Cascade.Tests.Support;
using Cascade.Units;

namespace Cascade.Tests.Reports;

/// <summary>The year report's plain counting (grains/Domain/Reports): the year of a task, the cut, the month's point, the rows a unit counts toward.</summary>
public sealed class ReportCountingTests
{
    // 2027-01-10 10:00 in Asia/Shanghai: 2026 has ended, 2027 runs.
    private static readonly DateTimeOffset Now = new(2027, 1, 10, 2, 0, 0, TimeSpan.Zero);

    private static TaskItem Task(string id, string due, TaskItemStatus status = TaskItemStatus.InProgress, DateTimeOffset? doneAt = null, Track track = Track.Party) => new()
    {
        Id = id, Title = id, Track = track, Start = new DateOnly(2026, 1, 1), Due = DateOnly.Parse(due), Status = status, DoneAt = doneAt,
        UpdatedAt = doneAt ?? Now,
    };

    private static DateTimeOffset Local(int y, int m, int d, int h) => new(y, m, d, h, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void A_past_year_is_judged_at_its_end_and_a_task_at_its_due_day_by_doneAt()
    {
        var clock = TestClock.At(Now);
        var year = ReportYear.Of(2026, clock);
        Assert.Equal(Local(2027, 1, 1, 0), year.Cut);
        var tally = new YearTally(year, clock);
        tally.Add(Task("on-time", "2026-06-30", TaskItemStatus.Done, Local(2026, 6, 30, 23)));
        tally.Add(Task("late", "2026-06-30", TaskItemStatus.Done, Local(2026, 7, 1, 0)));
        tally.Add(Task("done-next-year", "2026-12-31", TaskItemStatus.Done, Local(2027, 1, 5, 9), Track.Business));
        tally.Add(Task("open", "2026-12-31"));
        tally.Add(Task("next-year", "2027-01-31"));
        var row = tally.ToRow(new UnitInfo("u", null, "单位", UnitKind.Branch), 0, []);
        Assert.Equal(new TaskCounts(4, 3, 1, 2), row.Tasks.All);
        Assert.Equal(new TaskCounts(1, 1, 0, 1), row.Tasks.Business);
    }

    [Fact]
    public void The_current_year_is_judged_now_and_alerts_count_within_its_local_bounds()
    {
        var clock = TestClock.At(Now);
        var year = ReportYear.Of(2027, clock);
        Assert.Equal(Now, year.Cut);
        var tally = new YearTally(year, clock);
        tally.Add(Task("due-today", "2027-01-10"));
        tally.Add(Task("due-yesterday", "2027-01-09"));
        tally.Add(new RaisedAlert("u", "a1", "taskOverdue", AlertSeverity.Red, "x", Local(2027, 1, 1, 0)));
        tally.Add(new RaisedAlert("u", "a2", "taskOverdue", AlertSeverity.Red, "x", Local(2026, 12, 31, 23)));
        var row = tally.ToRow(new UnitInfo("u", null, "单位", UnitKind.Branch), 0, []);
        Assert.Equal(new TaskCounts(2, 0, 0, 1), row.Tasks.All);
        Assert.Equal([new RuleCount("taskOverdue", 1)], row.Alerts);
    }

    [Fact]
    public void A_month_is_the_point_of_the_next_months_first_day_and_the_current_month_todays()
    {
        var today = new DateOnly(2027, 3, 15);
        Assert.Equal(new DateOnly(2027, 2, 1), ReportMonths.DayOf(2027, 1, today));
        Assert.Equal(today, ReportMonths.DayOf(2027, 3, today));
        Assert.Null(ReportMonths.DayOf(2027, 4, today));
        Assert.Equal(new DateOnly(2027, 1, 1), ReportMonths.DayOf(2026, 12, today));
        var figures = new PointFigures(Health.Green, 0, 0, 1, 0, 0, 0, 0, new(0.5, 0.6), new(null, null), new(0.25, 0.5));
        var months = ReportMonths.From(2027, today, [new HistoryPoint(new DateOnly(2027, 2, 1), "u", null, "单位", UnitKind.Branch, 0, figures)]);
        Assert.Equal(12, months.Count);
        Assert.Equal((0.25, 0.5), (months[0].Progress, months[0].Expected));
        Assert.All(months.Skip(1), m => Assert.Null(m.Progress));
    }

    [Fact]
    public void Units_below_the_depth_count_toward_their_ancestor_at_the_depth()
    {
        UnitInfo[] units = [new("r", null, "根", UnitKind.PartyGroup), new("c", "r", "委", UnitKind.OrganCommittee), new("b", "c", "支部", UnitKind.Branch),
            new("g", "b", "小组", UnitKind.Office), new("x", "r", "别处", UnitKind.Office)];
        var scope = ReportScope.Of(units, "c", 1)!;
        Assert.Equal(["c", "b"], scope.Rows.Select(r => r.Unit.Id));
        Assert.Equal("b", scope.RowOf("g"));
        Assert.Null(scope.RowOf("x"));
        Assert.Null(ReportScope.Of(units, "nope", 1));
    }
}
