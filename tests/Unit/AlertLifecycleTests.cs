using Cascade.Alerts;
using Cascade.Outcomes;

namespace Cascade.Tests.Unit;

/// <summary>docs/domain.md "Alerts": one alert per (rule, unit, task), grace, severity in place, acknowledgement, escalation.</summary>
public sealed class AlertLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private static AlertCondition Behind(AlertSeverity severity = AlertSeverity.Amber) => new("unitBehind", null, severity, T0, new AlertFigures(Unit: "bgs"));
    private static AlertCondition Overdue(string task) => new("taskOverdue", task, AlertSeverity.Red, T0, new AlertFigures(task, new DateOnly(2026, 11, 26)));

    private static List<Alert> Update(AlertBook book, DateTimeOffset now, params AlertCondition[] holding) =>
        AlertLifecycle.Update(book, "bgs", holding, now, _ => TimeSpan.Zero);

    [Fact]
    public void One_alert_per_rule_unit_and_task_while_it_holds_then_resolved_then_a_new_one()
    {
        var book = new AlertBook();
        var fired = Update(book, T0, Behind(), Overdue("a"), Overdue("b"));
        Assert.Equal(3, fired.Count);
        Assert.Equal(3, fired.Select(a => a.Id).Distinct().Count());
        Assert.Empty(Update(book, T0 + Day, Behind(), Overdue("a"), Overdue("b")));

        var resolved = Assert.Single(Update(book, T0 + 2 * Day, Behind(), Overdue("b")));
        Assert.Equal(("taskOverdue", "a", AlertState.Resolved, T0 + 2 * Day), (resolved.Rule, resolved.TaskId, resolved.State, resolved.ResolvedAt));
        Assert.Equal(2, book.Open.Count);

        var again = Assert.Single(Update(book, T0 + 3 * Day, Behind(), Overdue("a"), Overdue("b")));
        Assert.NotEqual(resolved.Id, again.Id);
        Assert.Equal(AlertState.Firing, again.State);
    }

    [Theory]
    [InlineData("taskOverdue/a", "taskOverdue", "a", true)]
    [InlineData("unitBehind", "unitBehind", null, true)]
    [InlineData("taskOverdue/a", "taskOverdue", null, false)]
    [InlineData("taskOverdue/ab", "taskOverdue", "a", false)]
    [InlineData("a/b/c", "a/b", "c", true)] // two splits of one key: both are the key KeyOf builds
    [InlineData("a/b/c", "a", "b/c", true)]
    [InlineData("taskOverdueXa", "taskOverdue", "a", false)]
    [InlineData("unitBehind", "taskOverdue", "x", false)]
    public void A_key_is_matched_without_being_built(string key, string rule, string? task, bool expected)
    {
        Assert.Equal(expected, AlertCondition.IsKey(key, rule, task));
        Assert.Equal(expected, key == AlertCondition.KeyOf(rule, task));
    }

    [Fact]
    public void A_condition_waiting_out_its_grace_is_forgotten_when_it_stops_holding()
    {
        var book = new AlertBook();
        var slow = (string _) => TimeSpan.FromHours(1);
        Assert.Empty(AlertLifecycle.Update(book, "bgs", [Overdue("a"), Overdue("b"), Behind()], T0, slow));
        Assert.Equal(["taskOverdue/a", "taskOverdue/b", "unitBehind"], book.Pending.Keys.Order());
        Assert.Empty(AlertLifecycle.Update(book, "bgs", [Overdue("b")], T0 + TimeSpan.FromMinutes(1), slow));
        Assert.Equal(["taskOverdue/b"], book.Pending.Keys);
        var fired = Assert.Single(AlertLifecycle.Update(book, "bgs", [Overdue("b")], T0 + TimeSpan.FromHours(1), slow));
        Assert.Equal(("b", T0), (fired.TaskId, fired.Since));
        Assert.Empty(book.Pending);
    }

    [Fact]
    public void Severity_changes_in_place()
    {
        var book = new AlertBook();
        var amber = Assert.Single(Update(book, T0, Behind(AlertSeverity.Amber)));
        var red = Assert.Single(Update(book, T0 + Day, Behind(AlertSeverity.Red)));
        Assert.Equal((amber.Id, AlertSeverity.Red, amber.FiredAt), (red.Id, red.Severity, red.FiredAt));
    }

    [Fact]
    public void A_grace_period_holds_the_alert_back_until_the_condition_held_that_long()
    {
        var book = new AlertBook();
        var grace = TimeSpan.FromMinutes(10);
        List<Alert> Step(DateTimeOffset now, params AlertCondition[] holding) => AlertLifecycle.Update(book, "bgs", holding, now, _ => grace);
        var condition = Behind() with { Since = T0 };
        Assert.Empty(Step(T0, condition));
        Assert.Empty(Step(T0 + grace - TimeSpan.FromMilliseconds(1), condition));
        var fired = Assert.Single(Step(T0 + grace, condition));
        Assert.Equal((T0, T0 + grace), (fired.Since, fired.FiredAt));

        // A condition that clears within its grace raises nothing, and its grace starts again.
        var other = Overdue("a") with { Since = T0 + Day };
        Assert.Empty(Step(T0 + Day, condition, other));
        Assert.Empty(Step(T0 + Day + TimeSpan.FromMinutes(5), condition));
        Assert.Empty(Step(T0 + Day + TimeSpan.FromMinutes(12), condition, other with { Since = T0 + Day + TimeSpan.FromMinutes(12) }));
        Assert.Single(Step(T0 + Day + TimeSpan.FromMinutes(22), condition, other with { Since = T0 + Day + TimeSpan.FromMinutes(12) }));
    }

    [Fact]
    public void Acknowledging_keeps_the_first_acknowledgement_and_refuses_resolved_and_unknown_alerts()
    {
        var book = new AlertBook();
        var alert = Update(book, T0, Behind())[0];
        var first = AlertLifecycle.Acknowledge(book, alert.Id, "bgs-secretary", "已安排整改", T0 + Day);
        Assert.Equal((AlertState.Acknowledged, "bgs-secretary", "已安排整改", T0 + Day), (first.Value!.State, first.Value.AcknowledgedBy, first.Value.Note, first.Value.AcknowledgedAt));
        var second = AlertLifecycle.Acknowledge(book, alert.Id, "leader", "again", T0 + 2 * Day);
        Assert.Equal(first.Value, second.Value);

        Update(book, T0 + 3 * Day);
        Assert.Equal(Outcome.Conflict, AlertLifecycle.Acknowledge(book, alert.Id, "leader", "late", T0 + 3 * Day).Outcome);
        Assert.Equal(Outcome.NotFound, AlertLifecycle.Acknowledge(book, "bgs.999", "leader", "?", T0).Outcome);
    }

    [Fact]
    public void An_unacknowledged_alert_climbs_one_level_per_period_to_the_root_and_an_acknowledgement_stops_it()
    {
        var book = new AlertBook();
        var escalateAfter = 2 * Day;
        string[] ancestors = ["jgdw", "kjt-committee", "kjt"];
        var fired = Update(book, T0, Overdue("a"), Overdue("b"));
        var (stopped, climbing) = (fired[0], fired[1]);

        Assert.Empty(AlertLifecycle.Escalate(book, T0 + escalateAfter - TimeSpan.FromMilliseconds(1), escalateAfter, ancestors));
        Assert.Equal(2, AlertLifecycle.Escalate(book, T0 + escalateAfter, escalateAfter, ancestors).Count);
        Assert.All(book.Open, a => Assert.Equal((1, "jgdw"), (a.EscalationLevel, a.EscalatedToUnitId)));
        Assert.Equal(T0 + 2 * escalateAfter, AlertLifecycle.NextEscalation(book, escalateAfter, ancestors.Length));

        AlertLifecycle.Acknowledge(book, stopped.Id, "jgdw-secretary", "已督办", T0 + escalateAfter + Day);
        AlertLifecycle.Escalate(book, T0 + 2 * escalateAfter, escalateAfter, ancestors);
        AlertLifecycle.Escalate(book, T0 + 3 * escalateAfter, escalateAfter, ancestors);
        Assert.Equal((1, "jgdw"), (book.Open.Single(a => a.Id == stopped.Id).EscalationLevel, book.Open.Single(a => a.Id == stopped.Id).EscalatedToUnitId));
        var top = book.Open.Single(a => a.Id == climbing.Id);
        Assert.Equal((3, "kjt"), (top.EscalationLevel, top.EscalatedToUnitId));
        Assert.Empty(AlertLifecycle.Escalate(book, T0 + 10 * escalateAfter, escalateAfter, ancestors));
        Assert.Null(AlertLifecycle.NextEscalation(book, escalateAfter, ancestors.Length));
    }
}
