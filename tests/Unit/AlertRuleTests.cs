using System.ComponentModel.DataAnnotations;
using Cascade.Alerts;
using Cascade.Rollup;
using Cascade.Tasks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Unit;

/// <summary>Each rule of docs/domain.md "Alerts" fires and clears exactly at its boundary.</summary>
public sealed class AlertRuleTests
{
    // 2026-06-10 16:00 UTC is 2026-06-11 00:00 in Asia/Shanghai: the end of a task due on the 10th.
    private static readonly DateTimeOffset Midnight11th = new(2026, 6, 10, 16, 0, 0, TimeSpan.Zero);
    private static readonly AlertOptions Options = new();
    private static readonly AlertRules Rules = new(Options);

    private static TaskItem Task(TaskItemStatus status = TaskItemStatus.InProgress, int progress = 10, DateTimeOffset? updatedAt = null) => new()
    {
        Id = "t", Title = "t", Track = Track.Party, Weight = 1, Progress = progress, Status = status,
        Start = new DateOnly(2026, 6, 1), Due = new DateOnly(2026, 6, 10), UpdatedAt = updatedAt ?? Midnight11th.AddDays(-1),
    };

    private static AlertSeverity? Evaluate(ITaskAlertRule rule, TaskItem task, DateTimeOffset now)
    {
        var clock = TestClock.At(now);
        return rule.Evaluate(task, RollupMath.Of(task, clock.Now, clock));
    }

    [Fact]
    public void TaskOverdue_is_red_from_the_end_of_the_window_until_done()
    {
        var rule = new TaskOverdueRule();
        Assert.Null(Evaluate(rule, Task(), Midnight11th.AddMilliseconds(-1)));
        Assert.Equal(AlertSeverity.Red, Evaluate(rule, Task(), Midnight11th));
        Assert.Null(Evaluate(rule, Task(TaskItemStatus.Done, 100), Midnight11th.AddDays(3)));
        Assert.Null(Evaluate(rule, Task() with { Due = new DateOnly(2026, 6, 11) }, Midnight11th));
    }

    [Fact]
    public void TaskBlocked_is_amber_while_the_status_is_blocked()
    {
        var rule = new TaskBlockedRule();
        Assert.Equal(AlertSeverity.Amber, Evaluate(rule, Task(TaskItemStatus.Blocked), Midnight11th));
        Assert.Null(Evaluate(rule, Task(TaskItemStatus.InProgress), Midnight11th));
    }

    [Fact]
    public void TaskStale_is_amber_from_StaleAfter_after_the_last_update_until_the_next()
    {
        var rule = new TaskStaleRule();
        var touched = new DateTimeOffset(2026, 6, 2, 0, 0, 0, TimeSpan.Zero);
        var task = Task(updatedAt: touched) with { Due = new DateOnly(2026, 12, 31) };
        Assert.Null(Evaluate(rule, task, touched.AddDays(30).AddMilliseconds(-1)));
        Assert.Equal(AlertSeverity.Amber, Evaluate(rule, task, touched.AddDays(30)));
        Assert.Null(Evaluate(rule, task with { UpdatedAt = touched.AddDays(30) }, touched.AddDays(30)));
    }

    [Fact]
    public void Each_task_rule_says_when_its_condition_began()
    {
        var clock = TestClock.At(Midnight11th);
        var touched = new DateTimeOffset(2026, 6, 3, 4, 0, 0, TimeSpan.Zero);
        var task = Task(updatedAt: touched);
        Assert.Equal(Midnight11th, new TaskOverdueRule().Since(task, clock)); // the window's end
        Assert.Equal(touched, new TaskBlockedRule().Since(task, clock)); // the update that blocked it
        Assert.Equal(touched.AddDays(30), new TaskStaleRule().Since(task, clock)); // StaleAfter past the last update ...
        var untouched = Task(updatedAt: new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero));
        var windowStart = new DateTimeOffset(2026, 5, 31, 16, 0, 0, TimeSpan.Zero); // 06-01 00:00 in Asia/Shanghai
        Assert.Equal(windowStart.AddDays(30), new TaskStaleRule().Since(untouched, clock)); // ... or past the window's start
    }

    /// <summary>A subtree's totals whose lag and imbalance are exactly these (null: no tasks; no imbalance: one track only).</summary>
    private static SubtreeTotals WithLag(double? lag, double? imbalance = null)
    {
        if (lag is not { } l) return new SubtreeTotals(default, default, 1, 0, 0);
        static TrackTotals Track(double progress, double expected) => new(1, 1, 0, 0, 0, 0, 0, 0, 0, progress, expected);
        return imbalance is { } i
            ? new SubtreeTotals(Track(i, i + l), Track(0, l), 1, 0, 0)
            : new SubtreeTotals(Track(0, l), default, 1, 0, 0);
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData(0.0999, null, null)]
    [InlineData(0.0999999999999, null, AlertSeverity.Amber)] // within the roll-up's tolerance: 0.10
    [InlineData(0.10, null, AlertSeverity.Amber)]
    [InlineData(0.1999, null, AlertSeverity.Amber)]
    [InlineData(0.20, null, AlertSeverity.Red)]
    [InlineData(0.15, AlertSeverity.Red, AlertSeverity.Amber)] // the same alert, amber in place
    [InlineData(0.09, AlertSeverity.Amber, AlertSeverity.Amber)] // open: kept until below 0.08
    [InlineData(0.08, AlertSeverity.Red, AlertSeverity.Amber)]
    [InlineData(0.0799, AlertSeverity.Amber, null)]
    [InlineData(0.09, null, null)] // not open: 0.09 does not fire
    public void UnitBehind_fires_at_010_and_020_and_clears_below_008(double? lag, AlertSeverity? open, AlertSeverity? expected) =>
        Assert.Equal(expected, new UnitBehindRule(Options).Evaluate(WithLag(lag), open));

    [Theory]
    [InlineData(null, null, null)]
    [InlineData(0.2499, null, null)]
    [InlineData(0.25, null, AlertSeverity.Amber)]
    [InlineData(0.22, null, null)]
    [InlineData(0.22, AlertSeverity.Amber, AlertSeverity.Amber)]
    [InlineData(0.20, AlertSeverity.Amber, AlertSeverity.Amber)]
    [InlineData(0.1999, AlertSeverity.Amber, null)]
    public void UnitImbalance_fires_at_025_and_clears_below_020(double? imbalance, AlertSeverity? open, AlertSeverity? expected) =>
        Assert.Equal(expected, new UnitImbalanceRule(Options).Evaluate(WithLag(0, imbalance), open));

    [Fact]
    public void The_rule_set_is_the_five_rules_of_the_spec()
    {
        var names = Rules.TaskRules.Select(r => r.Name).Concat(Rules.UnitRules.Select(r => r.Name)).ToList();
        Assert.Equal(names, Rules.All.Select(r => r.Name));
        Assert.All(names, n => Assert.Equal(n, AlertRules.Find(n)!.Name));
        Assert.Equal(["taskOverdue", "taskBlocked", "taskStale", "unitBehind", "unitImbalance"], names);
        Assert.True(AlertRules.Names.SetEquals(names));
    }

    [Theory]
    [InlineData("EscalateAfter", "-1.00:00:00", "EscalateAfter")]
    [InlineData("BehindRed", "0.05", "BehindAmber")]
    [InlineData("BehindClear", "0.5", "BehindClear")]
    [InlineData("ImbalanceClear", "0.3", "ImbalanceClear")]
    public void Absurd_settings_are_refused_with_the_setting_named(string setting, string value, string named)
    {
        var options = new AlertOptions();
        var property = typeof(AlertOptions).GetProperty(setting)!;
        property.SetValue(options, property.PropertyType == typeof(TimeSpan) ? TimeSpan.Parse(value) : double.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
        var problems = options.Validate(new ValidationContext(options)).ToList();
        Assert.Contains(problems, p => p.ErrorMessage!.Contains($"Cascade:Alerts:{named}"));
    }

    [Fact]
    public void A_grace_period_for_an_unknown_rule_is_refused()
    {
        var options = new AlertOptions { Grace = { ["taskLate"] = TimeSpan.FromMinutes(5) } };
        Assert.Contains(options.Validate(new ValidationContext(options)), p => p.ErrorMessage!.Contains("Grace:taskLate"));
        Assert.Empty(new AlertOptions { Grace = { ["taskStale"] = TimeSpan.FromMinutes(5) } }.Validate(new ValidationContext(options)));
    }
}
