using Cascade.Tasks;

namespace Cascade.Tests.Unit;

/// <summary>docs/domain.md "Tasks": the ordered normalisation of a write.</summary>
public sealed class TaskNormalisationTests
{
    private static TaskItem Stored(TaskItemStatus status, int progress) => new()
    {
        Id = "t", Title = "t", Start = new(2026, 1, 1), Due = new(2026, 12, 31), Status = status, Progress = progress, Version = 3,
    };

    private static (TaskItemStatus, int)? Apply(TaskItem stored, TaskItemStatus? status = null, int? progress = null)
    {
        var result = TaskRules.Apply(stored, new TaskPatch { Status = status, Progress = progress });
        return result.Succeeded ? (result.Value!.Status, result.Value.Progress) : null;
    }

    [Fact]
    public void Rule1_done_with_progress_below_100_is_rejected() =>
        Assert.Null(Apply(Stored(TaskItemStatus.InProgress, 10), TaskItemStatus.Done, 90));

    [Fact]
    public void Rule2_progress_100_with_another_status_is_rejected() =>
        Assert.Null(Apply(Stored(TaskItemStatus.InProgress, 10), TaskItemStatus.Blocked, 100));

    [Fact]
    public void Rule3_done_sets_progress_100() =>
        Assert.Equal((TaskItemStatus.Done, 100), Apply(Stored(TaskItemStatus.InProgress, 10), TaskItemStatus.Done));

    [Fact]
    public void Rule4_progress_100_makes_the_task_done() =>
        Assert.Equal((TaskItemStatus.Done, 100), Apply(Stored(TaskItemStatus.Blocked, 10), progress: 100));

    [Fact]
    public void Rule5_not_started_resets_progress() =>
        Assert.Equal((TaskItemStatus.NotStarted, 0), Apply(Stored(TaskItemStatus.InProgress, 40), TaskItemStatus.NotStarted));

    [Fact]
    public void Rule6_reopening_a_done_task_needs_its_real_progress()
    {
        Assert.Null(Apply(Stored(TaskItemStatus.Done, 100), TaskItemStatus.InProgress));
        Assert.Null(Apply(Stored(TaskItemStatus.Done, 100), TaskItemStatus.Blocked));
        Assert.Equal((TaskItemStatus.Blocked, 70), Apply(Stored(TaskItemStatus.Done, 100), TaskItemStatus.Blocked, 70));
    }

    [Fact]
    public void Rule7_progress_below_100_on_a_done_task_reopens_it() =>
        Assert.Equal((TaskItemStatus.InProgress, 60), Apply(Stored(TaskItemStatus.Done, 100), progress: 60));

    [Fact]
    public void Rule8_progress_on_a_not_started_task_starts_it()
    {
        Assert.Equal((TaskItemStatus.InProgress, 5), Apply(Stored(TaskItemStatus.NotStarted, 0), progress: 5));
        Assert.Equal((TaskItemStatus.InProgress, 5), Apply(Stored(TaskItemStatus.InProgress, 0), TaskItemStatus.NotStarted, 5));
    }

    [Fact]
    public void Every_accepted_write_keeps_progress_100_exactly_when_done()
    {
        TaskItemStatus?[] statuses = [null, .. Enum.GetValues<TaskItemStatus>().Select(s => (TaskItemStatus?)s)];
        int?[] progresses = [null, 0, 1, 50, 99, 100];
        foreach (var from in Enum.GetValues<TaskItemStatus>())
        foreach (var fromProgress in from == TaskItemStatus.Done ? new[] { 100 } : from == TaskItemStatus.NotStarted ? new[] { 0 } : new[] { 0, 30, 99 })
        foreach (var status in statuses)
        foreach (var progress in progresses)
        {
            if (Apply(Stored(from, fromProgress), status, progress) is not var (s, p)) continue;
            Assert.True(p == 100 == (s == TaskItemStatus.Done), $"{from}/{fromProgress} + {status}/{progress} gave {s}/{p}");
            Assert.False(s == TaskItemStatus.NotStarted && p > 0);
        }
    }
}
