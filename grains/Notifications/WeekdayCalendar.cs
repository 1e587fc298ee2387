using Cascade.Time;

namespace Cascade.Notifications;

/// <summary>Monday to Friday: the working days where no holiday calendar is registered (a registered one replaces it).</summary>
public sealed class WeekdayCalendar : IWorkingCalendar
{
    public bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
}
