using System.Collections.Concurrent;

namespace Cascade.Time;

/// <summary>
/// Which local days are working days, from a calendar file's years (<see cref="CalendarFile"/>). A
/// year the file covers: its 调休 working days and every Monday-Friday that is not a holiday. A year
/// it does not cover counts Monday-Friday, and <paramref name="warn"/> hears so once per year.
/// </summary>
public sealed class WorkingCalendar(IReadOnlyDictionary<int, CalendarYear> years, Action<string>? warn = null) : IWorkingCalendar
{
    private readonly ConcurrentDictionary<int, byte> _warned = new();

    /// <summary>The years the calendar covers, in order.</summary>
    public IEnumerable<int> Years => years.Keys.Order();

    public bool IsWorkingDay(DateOnly day)
    {
        if (years.TryGetValue(day.Year, out var year)) return year.IsWorkingDay(day);
        if (warn is not null && _warned.TryAdd(day.Year, 0)) warn(Uncovered(day.Year));
        return CalendarYear.IsWeekday(day);
    }

    /// <summary>What is logged, once, of a year the calendar does not cover.</summary>
    public static string Uncovered(int year) =>
        $"No working-day calendar for {year}: counting Monday-Friday; set {CalendarOptions.FileSetting}.";
}
