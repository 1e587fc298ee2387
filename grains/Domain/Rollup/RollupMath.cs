using Cascade.Tasks;
using Cascade.Time;

namespace Cascade.Rollup;

/// <summary>The figures of docs/domain.md "Roll-up", computed from tasks and combined up the tree.</summary>
public static class RollupMath
{
    /// <summary>Every comparison with a threshold allows this much rounding.</summary>
    public const double Tolerance = 1e-9;

    /// <summary>Totals of one unit's own live tasks, evaluated at <paramref name="now"/> (archived ones are left out: <see cref="Archive"/>).</summary>
    public static SubtreeTotals OwnTotals(IEnumerable<TaskItem> tasks, DateTimeOffset now, DomainClock clock)
    {
        TrackTotals party = default, business = default;
        Duties duties = default;
        DateOnly? today = null;
        var yearStart = clock.YearStart(now);
        foreach (var task in tasks)
        {
            if (Archive.IsArchived(task, yearStart)) continue;
            var figures = Of(task, now, clock);
            if (task.Track == Track.Party) party += figures;
            else business += figures;
            if (task.ScheduleId is null || task.Released) continue; // a deleted schedule's instances are own tasks now
            today ??= clock.DayOf(now);
            if (Schedules.Period.Holds(task.Period, today.Value)) duties += new Duties(1, figures.Done);
        }
        return new SubtreeTotals(party, business, Units: 1, RedUnits: 0, AmberUnits: 0, Duties: duties);
    }

    /// <summary>One task's contribution.</summary>
    public static TrackTotals Of(TaskItem task, DateTimeOffset now, DomainClock clock)
    {
        var (start, end) = clock.Window(task);
        var done = task.Status == TaskItemStatus.Done;
        var overdue = !done && now >= end;
        var blocked = task.Status == TaskItemStatus.Blocked;
        var lastTouch = task.UpdatedAt > start ? task.UpdatedAt : start;
        // A duty expected at its date is never stale and expected only from then on.
        var atDue = task.Expectation == Expectation.AtDue;
        var stale = !done && !atDue && now - lastTouch >= clock.StaleAfter;
        var expected = atDue ? (now >= end ? 1 : 0) : Math.Clamp((now - start).Ticks / (double)(end - start).Ticks, 0, 1);
        var w = task.Weight;
        return new TrackTotals(
            Count: 1, Weight: w, Done: done ? 1 : 0, Blocked: blocked ? 1 : 0,
            Overdue: overdue ? 1 : 0, Stale: stale ? 1 : 0,
            OverdueWeight: overdue ? w : 0, BlockedWeight: blocked ? w : 0, StaleWeight: stale ? w : 0,
            ProgressWeight: w * task.Progress / 100.0, ExpectedWeight: w * expected);
    }

    /// <summary>What a child adds to its parent's totals: its subtree, and itself among the red/amber units.</summary>
    public static SubtreeTotals AsChild(SubtreeTotals child, Health childHealth) => child with
    {
        RedUnits = child.RedUnits + (childHealth == Health.Red ? 1 : 0),
        AmberUnits = child.AmberUnits + (childHealth == Health.Amber ? 1 : 0),
    };

    public static double? Lag(TrackTotals all) => all.Count == 0 ? null : all.Expected - all.Progress;

    public static double? Imbalance(SubtreeTotals t) =>
        t.Party.Count == 0 || t.Business.Count == 0 ? null : Math.Abs(t.Party.Progress!.Value - t.Business.Progress!.Value);

    /// <summary>The health of docs/domain.md "Roll-up" (see <see cref="HealthRules"/>).</summary>
    public static Health HealthOf(TrackTotals all, HealthOptions o) => HealthRules.HealthOf(all, o);

    public static bool AtLeast(double value, double threshold) => value >= threshold - Tolerance;

    public static Summary ToSummary(string unitId, SubtreeTotals t, HealthOptions o, long version, DateTimeOffset computedAt) =>
        ToSummary(unitId, t, HealthRules.ReasonsOf(t.All, o), version, computedAt);

    /// <summary>
    /// The summary with the reasons already judged from the same totals (<see cref="HealthRules.ReasonsOf"/>):
    /// the health is the worst reason's level, so the two never disagree.
    /// </summary>
    public static Summary ToSummary(string unitId, SubtreeTotals t, IReadOnlyList<HealthReason> reasons, long version, DateTimeOffset computedAt)
    {
        var all = t.All;
        var health = all.Count == 0 ? Health.None : reasons.Count == 0 ? Health.Green : reasons[0].Level;
        return new Summary(unitId, version, computedAt, health, Lag(all), Imbalance(t),
            t.Units, t.RedUnits, t.AmberUnits, t.OpenAlerts,
            TrackSummary.From(t.Party), TrackSummary.From(t.Business), TrackSummary.From(all), reasons, t.Duties);
    }
}
