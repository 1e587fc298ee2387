using Cascade.Directives;
using Cascade.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Cascade.Tests.Unit;

/// <summary>
/// A finding's states as its unit reports its task, and a unit's side of a finding's copy: locked
/// once closed, set back in progress when reopened (docs/domain.md "Findings").
/// </summary>
public class FindingRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 2, 0, 0, TimeSpan.Zero);

    private static Finding Open() => new() { Id = "x1", InspectionId = "dc", UnitId = "b2", InspectorUnitId = "b1", Text = "记录不全" };

    [Fact]
    public void Done_makes_an_open_finding_await_and_taking_it_back_opens_it_again()
    {
        var awaiting = FindingRules.OnCopy(Open(), TaskItemStatus.Done, 3);
        Assert.Equal(FindingState.AwaitingConfirmation, awaiting.State);
        Assert.Equal(FindingState.Open, FindingRules.OnCopy(awaiting, TaskItemStatus.InProgress, 4).State);
        // An older report than the one followed changes nothing.
        Assert.Same(awaiting, FindingRules.OnCopy(awaiting, TaskItemStatus.InProgress, 2));
        Assert.Same(awaiting, FindingRules.OnCopy(awaiting, TaskItemStatus.Done, 5));
        var closed = awaiting with { State = FindingState.Closed };
        Assert.Same(closed, FindingRules.OnCopy(closed, TaskItemStatus.InProgress, 9));
        var open = Open();
        Assert.Same(open, FindingRules.OnCopy(open, TaskItemStatus.Blocked, 9));
    }

    [Fact]
    public void The_title_is_the_texts_first_200_characters()
    {
        Assert.Equal("短", FindingRules.TitleOf("短"));
        Assert.Equal(new string('长', 200), FindingRules.TitleOf(new string('长', 201)));
    }

    private static CopyOrder Order(long version, bool lockIt = false, int? reopen = null) =>
        new("f-x1", "b1", 0, version, new CopyFields("记录不全", Track.Party, 1, new DateOnly(2026, 6, 15), new DateOnly(2026, 9, 30)),
            null, "insp", "督查员", Finding: true, Lock: lockIt, Reopen: reopen);

    [Fact]
    public void A_closed_findings_copy_is_locked_and_a_reopened_one_goes_back_in_progress()
    {
        var tasks = new List<TaskItem>();
        var copies = new UnitCopies(() => tasks, _ => new DateOnly(2026, 1, 1));
        var edits = new UnitTasks("b2", () => tasks, _ => new DateOnly(2026, 1, 1));
        Assert.Equal(CopyOutcome.Created, copies.Receive(Order(1), Now, out _, out _));
        Assert.True(edits.Patch("f-x1", new TaskPatch { Status = TaskItemStatus.Done, Progress = 100 }, null, Now, "b2e", out _).Succeeded);

        // Reopened: in progress at the progress given, written by the inspector.
        Assert.Equal(CopyOutcome.Updated, copies.Receive(Order(2, reopen: 90), Now, out _, out var reopened));
        Assert.Equal((TaskItemStatus.InProgress, 90, "insp"), (reopened!.Status, reopened.Progress, reopened.UpdatedBy));
        Assert.Null(reopened.DoneAt);
        // The same order again changes nothing.
        Assert.Equal(CopyOutcome.Unchanged, copies.Receive(Order(2, reopen: 90), Now, out _, out _));

        Assert.True(edits.Patch("f-x1", new TaskPatch { Status = TaskItemStatus.Done, Progress = 100 }, null, Now, "b2e", out _).Succeeded);
        Assert.Equal(CopyOutcome.Updated, copies.Receive(Order(3, lockIt: true), Now, out _, out var locked));
        Assert.True(locked!.Locked);
        Assert.Equal(TaskItemStatus.Done, locked.Status);
        Assert.Equal(Cascade.Outcomes.Outcome.Conflict, edits.Patch("f-x1", new TaskPatch { Status = TaskItemStatus.InProgress, Progress = 10 }, null, Now, "b2e", out _).Outcome);
        Assert.Equal(Cascade.Outcomes.Outcome.Conflict, edits.Patch("f-x1", new TaskPatch { Note = "补充" }, null, Now, "b2e", out _).Outcome);
        Assert.Equal(Cascade.Outcomes.Outcome.Conflict, edits.Delete("f-x1", null, mayRemoveCopy: true).Outcome);
        // The same values are still accepted and change nothing.
        Assert.True(edits.Patch("f-x1", new TaskPatch { Status = TaskItemStatus.Done }, null, Now, "b2e", out var before).Succeeded);
        Assert.Null(before);
        // Withdrawn: the locked copy goes.
        Assert.Equal(CopyOutcome.Withdrawn, copies.Receive(Order(4) with { Withdraw = true }, Now, out _, out _));
        Assert.Empty(tasks);
    }

    [Fact]
    public void A_finding_and_its_order_keep_every_field_on_the_wire()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        T RoundTrip<T>(T value) => serializer.Deserialize<T>(serializer.SerializeToArray(value))!;
        var finding = Open() with { State = FindingState.Closed, Note = "销号", ClosedAt = Now, ClosedBy = "insp", ReopenVersion = 3, ReopenProgress = 40, ByName = "督查员", CopyVersion = 7 };
        Assert.Equal(finding, RoundTrip(finding));
        var order = Order(5, lockIt: true, reopen: 60);
        Assert.Equal(order, RoundTrip(order));
        Assert.Equal((true, true, 60), (RoundTrip(order).Finding, RoundTrip(order).Lock, RoundTrip(order).Reopen));
        Assert.True(RoundTrip(new TaskItem { Id = "f-x1", Title = "t", Locked = true }).Locked);
    }
}
