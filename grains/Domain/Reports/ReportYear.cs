using Cascade.Time;

namespace Cascade.Reports;

/// <summary>
/// A report's year in the organization's zone (<c>Cascade:TimeZone</c>): its local bounds as
/// instants, and the cut at which "overdue" is judged (the year's end, or now while it runs).
/// </summary>
public sealed record ReportYear(int Year, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset Cut)
{
    /// <summary>The years a report may ask for.</summary>
    public const int First = 2000, Last = 2100;

    public static bool IsValid(int year) => year is >= First and <= Last;

    public static ReportYear Of(int year, DomainClock clock)
    {
        var start = clock.StartOfDay(new DateOnly(year, 1, 1));
        var end = clock.StartOfDay(new DateOnly(year + 1, 1, 1));
        var now = clock.Now;
        return new(year, start, end, now < end ? now : end);
    }

    /// <summary>A task belongs to the year of its due date.</summary>
    public bool Contains(DateOnly due) => due.Year == Year;
}
