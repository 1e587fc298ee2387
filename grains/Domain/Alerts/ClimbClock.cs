namespace Cascade.Alerts;

/// <summary>
/// How far an unacknowledged alert has climbed when pauses held it (climb-stopping silences,
/// docs/domain.md "Silences"): one level per whole <c>escalateAfter</c> counted from when it
/// fired, none while a pause holds, and counted afresh from each pause's end.
/// </summary>
public static class ClimbClock
{
    /// <summary>The pauses sorted and merged where they overlap or touch.</summary>
    public static List<PauseWindow> Merge(IEnumerable<PauseWindow> pauses)
    {
        var merged = new List<PauseWindow>();
        foreach (var w in pauses.Where(p => p.End > p.Start).OrderBy(p => p.Start))
            if (merged.Count > 0 && w.Start <= merged[^1].End)
                merged[^1] = merged[^1] with { End = w.End > merged[^1].End ? w.End : merged[^1].End };
            else merged.Add(w);
        return merged;
    }

    /// <summary>
    /// The levels climbed by <paramref name="now"/> (uncapped). <paramref name="span"/> measures the
    /// escalation time between two instants (plain elapsed time when null).
    /// </summary>
    public static int Level(DateTimeOffset firedAt, IReadOnlyList<PauseWindow> merged, DateTimeOffset now, TimeSpan escalateAfter,
        Func<DateTimeOffset, DateTimeOffset, TimeSpan>? span = null)
    {
        span ??= static (from, to) => to - from;
        var (start, level) = (firedAt, 0L);
        foreach (var w in merged)
        {
            if (w.End <= start) continue;
            if (w.Start >= now) break;
            var pausedFrom = w.Start > start ? w.Start : start;
            level += span(start, pausedFrom).Ticks / escalateAfter.Ticks;
            if (w.End > now) return (int)level; // paused now
            start = w.End;
        }
        if (now > start) level += span(start, now).Ticks / escalateAfter.Ticks;
        return (int)Math.Min(level, int.MaxValue);
    }

    /// <summary>
    /// When the alert reaches level <paramref name="target"/>. <paramref name="span"/> and
    /// <paramref name="after"/> (the instant an escalation time after another) measure escalation
    /// time as <see cref="Level"/> does (plain elapsed time when null).
    /// </summary>
    public static DateTimeOffset Reaches(DateTimeOffset firedAt, IReadOnlyList<PauseWindow> merged, int target, TimeSpan escalateAfter,
        Func<DateTimeOffset, DateTimeOffset, TimeSpan>? span = null, Func<DateTimeOffset, TimeSpan, DateTimeOffset>? after = null)
    {
        span ??= static (from, to) => to - from;
        after ??= static (from, time) => from + time;
        var (start, level) = (firedAt, 0L);
        foreach (var w in merged)
        {
            if (w.End <= start) continue;
            var due = after(start, escalateAfter * (target - level));
            if (due <= w.Start) return due;
            var pausedFrom = w.Start > start ? w.Start : start;
            level += span(start, pausedFrom).Ticks / escalateAfter.Ticks;
            start = w.End;
        }
        return after(start, escalateAfter * (target - level));
    }
}

/// <summary>An instant range [<see cref="Start"/>, <see cref="End"/>) in which an alert does not climb.</summary>
public readonly record struct PauseWindow(DateTimeOffset Start, DateTimeOffset End);

/// <summary>Escalation with pauses, over one unit's <see cref="AlertBook"/>.</summary>
public static class PausedClimbs
{
    /// <summary>When the next climb of a firing alert below level <paramref name="ancestors"/> falls due, or null when none will.</summary>
    public static DateTimeOffset? Next(AlertBook book, TimeSpan escalateAfter, int ancestors, Func<Alerts.Alert, IReadOnlyList<PauseWindow>> pauses,
        Time.ElapsedTime? time = null)
    {
        time ??= Time.ElapsedTime.All;
        DateTimeOffset? next = null;
        foreach (var a in book.Open)
        {
            if (a.State != AlertState.Firing || a.EscalationLevel >= ancestors) continue;
            var windows = pauses(a);
            var due = windows.Count > 0
                ? ClimbClock.Reaches(a.FiredAt, windows, a.EscalationLevel + 1, escalateAfter, time.Between, time.Reaching)
                : time.Reaching(a.FiredAt, escalateAfter * (a.EscalationLevel + 1));
            if (next is null || due < next) next = due;
        }
        return next;
    }
}
