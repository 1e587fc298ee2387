namespace Cascade.Time;

/// <summary>
/// Working time: only working days count (<see cref="IWorkingCalendar"/>), each from its local
/// midnight to the next (24 h), weekends and holidays not at all. Walks the local days between
/// the two instants; nothing is allocated.
/// </summary>
public sealed class WorkingTime(IWorkingCalendar calendar, DomainClock clock) : ElapsedTime
{
    /// <summary>A calendar with no working day in a century of days is taken to have none.</summary>
    private const int MaxDays = 36_525;

    public override TimeSpan Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from) return TimeSpan.Zero;
        var total = TimeSpan.Zero;
        var last = clock.DayOf(to);
        var day = clock.DayOf(from);
        var dayStart = clock.StartOfDay(day);
        for (; day <= last; day = day.AddDays(1))
        {
            var next = clock.StartOfDay(day.AddDays(1)); // each midnight is looked up once
            if (calendar.IsWorkingDay(day))
            {
                var start = Later(from, dayStart);
                var end = Earlier(to, next);
                if (end > start) total += end - start;
            }
            dayStart = next;
        }
        return total;
    }

    public override DateTimeOffset Reaching(DateTimeOffset from, TimeSpan elapsed)
    {
        if (elapsed <= TimeSpan.Zero) return from;
        var left = elapsed;
        var day = clock.DayOf(from);
        var dayStart = clock.StartOfDay(day);
        for (var i = 0; i < MaxDays; i++, day = day.AddDays(1))
        {
            var next = clock.StartOfDay(day.AddDays(1));
            if (calendar.IsWorkingDay(day))
            {
                var start = Later(from, dayStart);
                var length = next - start;
                if (length >= left) return start + left;
                left -= length;
            }
            dayStart = next;
        }
        return DateTimeOffset.MaxValue;
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
