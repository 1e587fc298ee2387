using Cascade.Alerts;
using Cascade.Rollup;
using Cascade.Tasks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Unit;

/// <summary>docs/domain.md "Alerts" for one unit: evaluation over tasks and figures, escalation, whom to tell.</summary>
public sealed class AlertDeskTests
{
    // 2026-06-10 16:00 UTC is 2026-06-11 00:00 in Asia/Shanghai: the end of a task due on the 10th.
    private static readonly DateTimeOffset Midnight11th = new(2026, 6, 10, 16, 0, 0, TimeSpan.Zero);
    private readonly AlertBook _book = new();

    private AlertDesk Desk(DateTimeOffset now) =>
        new(() => _book, new AlertRules(new AlertOptions()), new AlertOptions { EscalateAfter = TimeSpan.FromDays(1) }, TestClock.At(now));

    private static TaskItem Task(string id) => new()
    {
        Id = id, Title = "七月主题党日", Track = Track.Party, Weight = 1, Progress = 10, Status = TaskItemStatus.InProgress,
        Start = new DateOnly(2026, 6, 1), Due = new DateOnly(2026, 6, 10), UpdatedAt = Midnight11th.AddDays(-1),
    };

    private static SubtreeTotals Lagging(double lag) => new(new TrackTotals(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, lag), default, 1, 0, 0);

    [Fact]
    public void A_task_alert_carries_its_figures_and_starts_when_its_condition_began()
    {
        var fired = Assert.Single(Desk(Midnight11th.AddHours(1)).Evaluate("bgs", "办公室", [Task("t")], default));
        Assert.Equal(("taskOverdue", "t", Midnight11th, new AlertFigures("七月主题党日", new DateOnly(2026, 6, 10)), null),
            (fired.Rule, fired.TaskId, fired.Since, fired.Figures, fired.Message));
    }

    [Fact]
    public void A_unit_alert_names_the_unit_and_only_a_moved_verdict_costs_anything()
    {
        var desk = Desk(Midnight11th);
        var behind = Assert.Single(desk.Evaluate("bgs", "办公室", null, Lagging(0.15)));
        Assert.Equal(("unitBehind", AlertSeverity.Amber, "办公室"), (behind.Rule, behind.Severity, behind.Figures!.Unit));
        Assert.Empty(desk.Evaluate("bgs", "办公室", null, Lagging(0.12)));
        Assert.Equal(AlertSeverity.Red, Assert.Single(desk.Evaluate("bgs", "办公室", null, Lagging(0.25))).Severity);
        Assert.Equal(AlertState.Resolved, Assert.Single(desk.Evaluate("bgs", "办公室", null, Lagging(0.01))).State);
    }

    [Fact]
    public void A_climbing_alert_is_told_where_it_sits_and_where_it_sat_once_stored()
    {
        Desk(Midnight11th).Evaluate("leaf", "Leaf", [Task("t")], default);
        Assert.Empty(Desk(Midnight11th).TakeAnnouncements());
        var desk = Desk(Midnight11th.AddDays(1));
        Assert.True(desk.EscalationDue(hasParent: true));
        Assert.False(desk.EscalationDue(hasParent: false));
        desk.Escalate(["mid", "root"]);
        Assert.Equal(["mid"], desk.TakeAnnouncements().Select(t => t.To));
        desk = Desk(Midnight11th.AddDays(2));
        desk.Escalate(["mid", "root"]);
        Assert.Equal(["root", "mid"], desk.TakeAnnouncements().Select(t => t.To));
        Assert.Equal(["root"], desk.Reannouncements().Select(t => t.To));
    }

    [Fact]
    public void Every_change_goes_to_the_index_once_and_nothing_when_none_changed()
    {
        var desk = Desk(Midnight11th);
        var fired = Assert.Single(desk.Evaluate("leaf", "Leaf", [Task("t")], default));
        Assert.Equal([fired], desk.TakeIndexChanges());
        Assert.Same(desk.TakeIndexChanges(), desk.TakeIndexChanges()); // the shared empty list: nothing allocated
        var acknowledged = desk.Acknowledge(fired.Id, "bgs-secretary", "已督办", out _, out _, "办公室党支部书记").Value!;
        Assert.Equal(("bgs-secretary", "办公室党支部书记"), (acknowledged.AcknowledgedBy, acknowledged.AcknowledgedByName));
        desk.Acknowledge(fired.Id, "other", "again", out _, out var changed);
        Assert.False(changed);
        Assert.Equal([acknowledged], desk.TakeIndexChanges());
        var resolved = Assert.Single(desk.Evaluate("leaf", "Leaf", [], default));
        Assert.Equal(AlertState.Resolved, Assert.Single(desk.TakeIndexChanges()).State);
        Assert.Equal(fired.Id, resolved.Id);
    }
}
