using Cascade.Directives;
using Cascade.Rollup;
using Cascade.Tasks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Unit;

/// <summary>
/// docs/domain.md "Archived tasks": a task done and due before 1 January of the current local
/// year is archived from that local midnight on; it leaves the own totals and the task limit
/// (creates, the old and the Excel import, directive copies), and an undone old task stays live.
/// </summary>
public sealed class ArchiveTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset NewYear = new(2027, 1, 1, 0, 0, 0, China);
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, China);

    private static TaskItem Task(string id, DateOnly due, TaskItemStatus status = TaskItemStatus.NotStarted) => new()
    {
        Id = id, Title = id, Start = due.AddDays(-30), Due = due, Status = status,
        Progress = status == TaskItemStatus.Done ? 100 : 0, Version = 1, UpdatedAt = Now,
    };

    private static readonly DateOnly LastYear = new(2026, 12, 31);
    private static readonly DateOnly ThisYear = new(2027, 1, 1);

    [Fact]
    public void A_done_task_of_last_year_is_archived_from_local_midnight_of_1_January()
    {
        var done = Task("d", LastYear, TaskItemStatus.Done);
        Assert.False(TestClock.At(NewYear.AddTicks(-1)).IsArchived(done, NewYear.AddTicks(-1)));
        Assert.True(TestClock.At(NewYear).IsArchived(done, NewYear));
        // 1 January 00:30 in Shanghai is still 31 December in UTC: the organization's zone decides.
        Assert.True(TestClock.At(NewYear.AddMinutes(30)).IsArchived(done, NewYear.AddMinutes(30)));
        Assert.False(TestClock.At(Now).IsArchived(Task("undone", LastYear), Now));
        Assert.False(TestClock.At(Now).IsArchived(Task("blocked", LastYear, TaskItemStatus.Blocked), Now));
        Assert.False(TestClock.At(Now).IsArchived(Task("this", ThisYear, TaskItemStatus.Done), Now));
        Assert.Equal(new DateOnly(2027, 1, 1), TestClock.At(Now).YearStart(Now));
    }

    [Fact]
    public void Own_totals_leave_archived_tasks_out_and_keep_undone_old_ones()
    {
        var clock = TestClock.At(Now);
        List<TaskItem> tasks = [.. Enumerable.Range(0, 50).Select(i => Task($"d{i}", LastYear, TaskItemStatus.Done)), Task("late", LastYear), Task("now", new(2027, 6, 30))];
        var totals = RollupMath.OwnTotals(tasks, Now, clock).All;
        Assert.Equal(2, totals.Count);
        Assert.Equal(0, totals.Done);
        Assert.Equal(1, totals.Overdue);
        Assert.Equal(RollupMath.OwnTotals([Task("late", LastYear), Task("now", new(2027, 6, 30))], Now, clock), RollupMath.OwnTotals(tasks, Now, clock));
        // Reopened, a task of last year is live again.
        tasks[0] = tasks[0] with { Status = TaskItemStatus.InProgress, Progress = 40 };
        Assert.Equal(3, RollupMath.OwnTotals(tasks, Now, clock).All.Count);
    }

    [Fact]
    public void The_rule_costs_no_allocation_on_the_roll_up_path()
    {
        var clock = TestClock.At(Now);
        var many = Full(500);
        List<TaskItem> few = [.. many.Take(3)];
        RollupMath.OwnTotals(many, Now, clock); // the zone's and the midnights' caches filled once
        var before = GC.GetAllocatedBytesForCurrentThread();
        var live = Archive.LiveCount(many, clock.YearStart(Now));
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(TaskRules.MaxTasksPerUnit - 500, live);
        long Allocated(List<TaskItem> tasks)
        {
            var at = GC.GetAllocatedBytesForCurrentThread();
            RollupMath.OwnTotals(tasks, Now, clock);
            return GC.GetAllocatedBytesForCurrentThread() - at;
        }
        // The list's enumerator at most: the same for 3 tasks as for 2,000, so nothing per task.
        Assert.Equal(Allocated(few), Allocated(many));
    }

    /// <summary>A full unit: <paramref name="archived"/> done tasks of last year, the rest live.</summary>
    private static List<TaskItem> Full(int archived) =>
        [.. Enumerable.Range(0, TaskRules.MaxTasksPerUnit).Select(i => i < archived ? Task($"a{i}", LastYear, TaskItemStatus.Done) : Task($"t{i}", new(2027, 6, 30)))];

    private static readonly Func<DateTimeOffset, DateOnly> YearStart = TestClock.At(Now).YearStart;

    private static TaskDraft Draft(string id) => new() { Id = id, Title = id, Track = Track.Party, Start = new(2027, 3, 1), Due = new(2027, 6, 30) };

    [Fact]
    public void Creates_and_imports_count_live_tasks_only()
    {
        var none = Full(0);
        Assert.Equal(Cascade.Outcomes.Outcome.Conflict, new UnitTasks("u", () => none, YearStart).Create(Draft("x"), Now, null, out _).Outcome);
        var some = Full(3);
        var tasks = new UnitTasks("u", () => some, YearStart);
        Assert.True(tasks.Import([Draft("x1"), Draft("x2")], Now, null, out _).Succeeded);
        Assert.True(tasks.Create(Draft("x3"), Now, null, out var added).Succeeded && added);
        Assert.Equal(Cascade.Outcomes.Outcome.Conflict, tasks.Create(Draft("x4"), Now, null, out _).Outcome);
        Assert.Equal(Cascade.Outcomes.Outcome.Conflict, tasks.Import([Draft("x5")], Now, null, out _).Outcome);
        Assert.Equal(TaskRules.MaxTasksPerUnit + 3, some.Count);
        // Before the year turned the same tasks were live: no room.
        var early = Full(3);
        Assert.Equal(Cascade.Outcomes.Outcome.Conflict, new UnitTasks("u", () => early, YearStart).Create(Draft("x"), NewYear.AddTicks(-1), null, out _).Outcome);
    }

    [Fact]
    public void The_excel_import_check_counts_live_tasks_only()
    {
        ImportRow Row(int row, string id) => new() { Row = row, TaskId = id, Fields = new TaskPatch { Title = id, Track = Track.Party, Start = new(2027, 3, 1), Due = new(2027, 6, 30) } };
        var some = Full(1);
        var outcomes = new UnitImport("u", () => some, YearStart).Check([Row(2, "x1"), Row(3, "x2")], Now, null);
        Assert.Equal(ImportVerdict.Create, outcomes[0].Verdict);
        Assert.Equal(ImportVerdict.Error, outcomes[1].Verdict);
    }

    [Fact]
    public void A_directive_copy_finds_room_left_by_archived_tasks()
    {
        var order = new CopyOrder("d1", "issuer", 0, 1, new CopyFields("交办", Track.Party, 1, new(2027, 3, 1), new(2027, 6, 30)), null, "tester", null);
        var none = Full(0);
        Assert.Equal(CopyOutcome.TaskLimit, new UnitCopies(() => none, YearStart).Check(order, Now));
        Assert.Equal(CopyOutcome.TaskLimit, new UnitCopies(() => none, YearStart).Receive(order, Now, out _, out _));
        var some = Full(1);
        var copies = new UnitCopies(() => some, YearStart);
        Assert.Equal(CopyOutcome.Created, copies.Check(order, Now));
        Assert.Equal(CopyOutcome.TaskLimit, copies.Check(order, NewYear.AddTicks(-1)));
        Assert.Equal(CopyOutcome.Created, copies.Receive(order, Now, out _, out var copy));
        Assert.NotNull(copy);
        Assert.Equal(CopyOutcome.TaskLimit, copies.Check(order with { OwnerId = "d2" }, Now));
    }
}
