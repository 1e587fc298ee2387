namespace Cascade.Rollup;

/// <summary>
/// The health rules of docs/domain.md "Roll-up" evaluated once, giving both the health and the
/// rules that hold (<c>healthReasons</c>), so the two can never disagree.
/// </summary>
public static class HealthRules
{
    /// <summary>The reasons of a green or grey summary: one shared empty list, no allocation.</summary>
    public static readonly IReadOnlyList<HealthReason> None = [];

    /// <summary>The health over all tasks; allocates nothing.</summary>
    public static Health HealthOf(TrackTotals all, HealthOptions o)
    {
        if (all.Count == 0) return Health.None;
        var (lag, overdue, blocked, stale) = Levels(all, o);
        return Max(Max(lag, overdue), Max(blocked, stale));
    }

    /// <summary>
    /// The rules that hold, worst first: red before amber, and within a level in the order
    /// lag, overdueShare, blockedShare, staleShare. Each rule appears once, at the highest level it
    /// reaches. Green and grey give <see cref="None"/>.
    /// </summary>
    public static IReadOnlyList<HealthReason> ReasonsOf(TrackTotals all, HealthOptions o)
    {
        if (all.Count == 0) return None;
        var (lag, overdue, blocked, stale) = Levels(all, o);
        var held = (lag > Health.Green ? 1 : 0) + (overdue > Health.Green ? 1 : 0)
            + (blocked > Health.Green ? 1 : 0) + (stale > Health.Green ? 1 : 0);
        if (held == 0) return None;
        var reasons = new HealthReason[held];
        var next = 0;
        foreach (var level in (ReadOnlySpan<Health>)[Health.Red, Health.Amber])
        {
            if (lag == level) reasons[next++] = new(HealthRule.Lag, all.Expected!.Value - all.Progress!.Value, level);
            if (overdue == level) reasons[next++] = new(HealthRule.OverdueShare, all.OverdueWeight / all.Weight, level);
            if (blocked == level) reasons[next++] = new(HealthRule.BlockedShare, all.BlockedWeight / all.Weight, level);
            if (stale == level) reasons[next++] = new(HealthRule.StaleShare, all.StaleWeight / all.Weight, level);
        }
        return reasons;
    }

    /// <summary>The level each rule reaches (green: it does not hold); needs all.Count > 0.</summary>
    private static (Health Lag, Health Overdue, Health Blocked, Health Stale) Levels(TrackTotals all, HealthOptions o)
    {
        var lag = all.Expected!.Value - all.Progress!.Value;
        var overdueShare = all.OverdueWeight / all.Weight;
        return (
            Level(lag, o.RedLag, o.AmberLag),
            Level(overdueShare, o.RedOverdueShare, o.AmberOverdueShare),
            Level(all.BlockedWeight / all.Weight, double.PositiveInfinity, o.AmberBlockedShare),
            Level(all.StaleWeight / all.Weight, double.PositiveInfinity, o.AmberStaleShare));
    }

    private static Health Level(double value, double red, double amber) =>
        RollupMath.AtLeast(value, red) ? Health.Red : RollupMath.AtLeast(value, amber) ? Health.Amber : Health.Green;

    private static Health Max(Health a, Health b) => a > b ? a : b;
}
