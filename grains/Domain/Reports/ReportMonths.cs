using Cascade.History;

namespace Cascade.Reports;

/// <summary>
/// Which history point stands for each month of a year report (docs/domain.md "Year report"): a
/// day's point is the state at that day's local 00:00, so a month's end is the point of the next
/// month's first day; the month holding today takes today's point (the year so far); later
/// months have none. A day without a point gives null figures, never an estimate.
/// </summary>
public static class ReportMonths
{
    /// <summary>The day whose point stands for <paramref name="month"/>; null for a month not begun by <paramref name="today"/>.</summary>
    public static DateOnly? DayOf(int year, int month, DateOnly today)
    {
        var first = new DateOnly(year, month, 1);
        if (first > today) return null;
        var next = first.AddMonths(1);
        return next > today ? today : next;
    }

    /// <summary>The days to read (oldest and latest), or null when the year has not begun.</summary>
    public static (DateOnly From, DateOnly To)? Range(int year, DateOnly today)
    {
        if (DayOf(year, 1, today) is not { } from) return null;
        var to = from;
        for (var m = 2; m <= 12; m++)
            if (DayOf(year, m, today) is { } day) to = day;
        return (from, to);
    }

    public static IReadOnlyList<MonthPoint> From(int year, DateOnly today, IReadOnlyList<HistoryPoint> points)
    {
        var byDay = new Dictionary<DateOnly, HistoryPoint>(points.Count);
        foreach (var p in points) byDay[p.Day] = p;
        var months = new MonthPoint[12];
        for (var m = 1; m <= 12; m++)
        {
            var day = DayOf(year, m, today);
            var all = day is { } d && byDay.TryGetValue(d, out var point) ? point.Figures.All : null;
            months[m - 1] = new MonthPoint(m, day ?? new DateOnly(year, m, 1).AddMonths(1), all?.Progress, all?.Expected);
        }
        return months;
    }
}
