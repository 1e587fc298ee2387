using Cascade.Rollup;
using Cascade.Tasks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Unit;

/// <summary>
/// <c>expectation: atDue</c> (docs/domain.md "Tasks"): expected 0 until the window ends and 1 from
/// then on, whatever the status; never stale; overdue as any task once the window ends undone.
/// </summary>
public sealed class AtDueTests
{
    // 2026-06-10 16:00 UTC is 2026-06-11 00:00 in Asia/Shanghai: the end of a window due on the 10th.
    private static readonly DateTimeOffset End = new(2026, 6, 10, 16, 0, 0, TimeSpan.Zero);

    private static TaskItem Duty(TaskItemStatus status = TaskItemStatus.NotStarted, int progress = 0) => new()
    {
        Id = "zbwyh", Title = "支部委员会", Track = Track.Party, Weight = 1, Status = status, Progress = progress,
        Start = new DateOnly(2026, 6, 1), Due = new DateOnly(2026, 6, 10), UpdatedAt = End.AddDays(-300), Expectation = Expectation.AtDue,
    };

    [Fact]
    public void Nothing_is_expected_before_the_end_of_the_window_and_everything_from_then_on()
    {
        var before = TestClock.At(End.AddMilliseconds(-1));
        var after = TestClock.At(End);
        Assert.Equal(0, RollupMath.Of(Duty(), before.Now, before).ExpectedWeight);
        Assert.Equal(0, RollupMath.Of(Duty(), before.Now, before).Overdue);
        Assert.Equal(1, RollupMath.Of(Duty(), after.Now, after).ExpectedWeight);
        Assert.Equal(1, RollupMath.Of(Duty(), after.Now, after).Overdue);
        Assert.Equal(1, RollupMath.Of(Duty(TaskItemStatus.Done, 100), after.Now, after).ExpectedWeight);
        Assert.Equal(0, RollupMath.Of(Duty(TaskItemStatus.Done, 100), after.Now, after).Overdue);
    }

    [Fact]
    public void A_duty_is_never_stale_while_a_linear_task_untouched_as_long_is()
    {
        var clock = TestClock.At(End.AddDays(-1));
        Assert.Equal(0, RollupMath.Of(Duty(), clock.Now, clock).Stale);
        Assert.Equal(1, RollupMath.Of(Duty() with { Expectation = Expectation.Linear, Start = new DateOnly(2026, 1, 1) }, clock.Now, clock).Stale);
    }

    [Fact]
    public void A_patch_changes_the_expectation_and_a_draft_carries_it()
    {
        var stored = Duty() with { Expectation = Expectation.Linear };
        var patched = TaskRules.Apply(stored, new TaskPatch { Expectation = Expectation.AtDue });
        Assert.Equal(Expectation.AtDue, patched.Value!.Expectation);
        Assert.False(patched.Value.SameContent(stored));
        var created = TaskRules.Create(new TaskDraft { Title = "党课", Start = new DateOnly(2026, 4, 1), Due = new DateOnly(2026, 6, 30), Expectation = Expectation.AtDue },
            "dk", End, "admin");
        Assert.Equal(Expectation.AtDue, created.Value!.Expectation);
    }
}
