namespace Cascade.Time;

/// <summary>
/// Which local days are working days (mainland China: weekends, public holidays and 调休 working
/// days). Digests go out on working days only; with <c>Cascade:Alerts:WorkingTimeOnly</c>
/// escalation counts working days only.
/// </summary>
public interface IWorkingCalendar
{
    bool IsWorkingDay(DateOnly day);
}
