using Cascade.Rollup;

namespace Cascade.Tests.Unit;

/// <summary><c>healthReasons</c> at the thresholds of docs/domain.md "Roll-up" (docs/api.md "Summary").</summary>
public sealed class HealthReasonsTests
{
    private static readonly HealthOptions Thresholds = new();

    /// <summary>Ten tasks of weight 10 (so shares are exact tenths of a percent of 100), lag as given.</summary>
    private static TrackTotals Totals(double lag = 0, double overdue = 0, double blocked = 0, double stale = 0) =>
        new(Count: 10, Weight: 100, Done: 0, Blocked: 0, Overdue: 0, Stale: 0,
            OverdueWeight: overdue * 100, BlockedWeight: blocked * 100, StaleWeight: stale * 100,
            ProgressWeight: 50, ExpectedWeight: 50 + lag * 100);

    private static string Describe(IReadOnlyList<HealthReason> reasons) =>
        string.Join(",", reasons.Select(r => $"{r.Reason}:{r.Level}"));

    [Theory]
    [InlineData(0.1999999999, "Lag:Red")]
    [InlineData(0.1999, "Lag:Amber")]
    [InlineData(0.0999999999, "Lag:Amber")]
    [InlineData(0.0999, "")]
    [InlineData(-0.5, "")]
    public void Lag_names_its_level_at_the_thresholds(double lag, string expected)
    {
        var reasons = HealthRules.ReasonsOf(Totals(lag: lag), Thresholds);
        Assert.Equal(expected, Describe(reasons));
        if (reasons.Count > 0) Assert.Equal(lag, reasons[0].Value, 9);
    }

    [Theory]
    [InlineData(0.10, "OverdueShare:Red")]
    [InlineData(0.0999999999, "OverdueShare:Red")]   // within the rounding allowance
    [InlineData(0.0999, "OverdueShare:Amber")]
    [InlineData(0.02, "OverdueShare:Amber")]
    [InlineData(0.0199, "")]
    public void Overdue_share_names_its_level_at_the_thresholds(double share, string expected) =>
        Assert.Equal(expected, Describe(HealthRules.ReasonsOf(Totals(overdue: share), Thresholds)));

    [Theory]
    [InlineData(0.05, 0, "BlockedShare:Amber")]
    [InlineData(0.0499, 0, "")]
    [InlineData(0, 0.10, "StaleShare:Amber")]
    [InlineData(0, 0.0999, "")]
    [InlineData(1.0, 1.0, "BlockedShare:Amber,StaleShare:Amber")] // never red, however large
    public void Blocked_and_stale_shares_are_amber_only(double blocked, double stale, string expected) =>
        Assert.Equal(expected, Describe(HealthRules.ReasonsOf(Totals(blocked: blocked, stale: stale), Thresholds)));

    [Fact]
    public void Worst_first_red_before_amber_then_in_rule_order_with_values()
    {
        var reasons = HealthRules.ReasonsOf(Totals(lag: 0.12, overdue: 0.3, blocked: 0.1, stale: 0.2), Thresholds);
        Assert.Equal("OverdueShare:Red,Lag:Amber,BlockedShare:Amber,StaleShare:Amber", Describe(reasons));
        Assert.Equal([0.3, 0.12, 0.1, 0.2], reasons.Select(r => Math.Round(r.Value, 9)));
    }

    [Fact]
    public void A_rule_appears_once_at_the_highest_level_it_reaches()
    {
        var reasons = HealthRules.ReasonsOf(Totals(lag: 0.5), Thresholds);
        Assert.Equal("Lag:Red", Describe(reasons));
    }

    [Fact]
    public void Green_and_grey_share_one_empty_list()
    {
        Assert.Same(HealthRules.None, HealthRules.ReasonsOf(Totals(), Thresholds));
        Assert.Same(HealthRules.None, HealthRules.ReasonsOf(default, Thresholds));
        var green = RollupMath.ToSummary("u", new SubtreeTotals(Totals(), default, 1, 0, 0), Thresholds, 1, DateTimeOffset.UnixEpoch);
        Assert.Equal(Health.Green, green.Health);
        Assert.Same(HealthRules.None, green.HealthReasons);
    }

    [Fact]
    public void Judging_a_green_unit_allocates_nothing()
    {
        var green = Totals(lag: 0.05, overdue: 0.01);
        HealthRules.ReasonsOf(green, Thresholds); // warm up
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) HealthRules.ReasonsOf(green, Thresholds);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData(0.25, 0, 0, 0)]
    [InlineData(0.15, 0.01, 0, 0)]
    [InlineData(0, 0.03, 0.06, 0.2)]
    [InlineData(0, 0, 0, 0)]
    [InlineData(0.05, 0.2, 0, 0.5)]
    public void The_summary_health_is_the_worst_reason_level(double lag, double overdue, double blocked, double stale)
    {
        var all = Totals(lag, overdue, blocked, stale);
        var summary = RollupMath.ToSummary("u", new SubtreeTotals(all, default, 1, 0, 0), Thresholds, 1, DateTimeOffset.UnixEpoch);
        Assert.Equal(RollupMath.HealthOf(all, Thresholds), summary.Health);
        Assert.Equal(summary.HealthReasons.Count == 0 ? Health.Green : summary.HealthReasons[0].Level, summary.Health);
    }
}
