namespace Cascade.Time;

/// <summary>
/// One year of the working-day calendar as its official notice sets it: the public holidays (放假
/// days, weekends among them) and the 调休 working days (weekend days worked).
/// </summary>
public sealed record CalendarYear(int Year, string Source, IReadOnlySet<DateOnly> Holidays, IReadOnlySet<DateOnly> Workdays)
{
    /// <summary>A Monday-Friday that is no holiday, or a 调休 working day.</summary>
    public bool IsWorkingDay(DateOnly day) =>
        IsWeekday(day) ? !Holidays.Contains(day) : Workdays.Contains(day);

    public static bool IsWeekday(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
}
