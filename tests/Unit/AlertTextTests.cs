using Cascade.Alerts;

namespace Cascade.Tests.Unit;

/// <summary>docs/api.md "Alerts": the Chinese <c>message</c>, made in one place from the rule and the alert's figures.</summary>
public sealed class AlertTextTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 20, 16, 0, 0, TimeSpan.Zero);

    private static Alert Of(string rule, AlertFigures? figures, string? message = null) =>
        new("bgs.1", rule, AlertSeverity.Red, "bgs", rule.StartsWith("task", StringComparison.Ordinal) ? "t1" : null, AlertState.Firing, message, T0, T0,
            Figures: figures);

    [Theory]
    [InlineData("taskOverdue", "任务「七月主题党日」已逾期（截止 2026-06-20）")]
    [InlineData("taskBlocked", "任务「七月主题党日」受阻")]
    [InlineData("taskStale", "任务「七月主题党日」久未更新")]
    public void Task_alerts_name_the_task(string rule, string expected) =>
        Assert.Equal(expected, AlertText.Chinese(Of(rule, new AlertFigures("七月主题党日", new DateOnly(2026, 6, 20)))));

    [Theory]
    [InlineData("unitBehind", "办公室党支部进度落后于应达")]
    [InlineData("unitImbalance", "办公室党支部党建与业务进度脱节（两张皮）")]
    public void Unit_alerts_name_the_unit(string rule, string expected) =>
        Assert.Equal(expected, AlertText.Chinese(Of(rule, new AlertFigures(Unit: "办公室党支部"))));

    [Fact]
    public void An_alert_stored_before_figures_says_what_it_was_stored_with()
    {
        Assert.Equal("任务「旧的」已逾期（截止 2026-01-31）", AlertText.Chinese(Of("taskOverdue", null, "任务「旧的」已逾期（截止 2026-01-31）")));
        Assert.Equal("taskLate", AlertText.Chinese(Of("taskLate", null)));
        Assert.Equal("stored", AlertText.Chinese(Of("taskLate", new AlertFigures("x"), "stored"))); // a rule since removed
    }
}
