using Cascade.Schedules;
using Cascade.Tasks;
using Cascade.Time;

namespace Cascade.Directives;

/// <summary>
/// At a period change a unit writes its state once for its new instances and what the new day
/// made true of the old ones (overdue). So in the first <see cref="Limit"/> of a day, a unit that
/// holds an instance of a period that ended yesterday and not yet its successor leaves the
/// clock's re-evaluation to the write that brings the new instances (a schedule that ended
/// brings none: the clock goes on after the limit).
/// </summary>
public static class TurnWait
{
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public static bool Awaits(List<TaskItem> tasks, DateTimeOffset now, DomainClock clock)
    {
        var today = clock.DayOf(now);
        if (now - clock.StartOfDay(today) >= Limit) return false;
        var yesterday = today.AddDays(-1);
        for (var i = 0; i < tasks.Count; i++)
        {
            var old = tasks[i];
            if (old.ScheduleId is not { } schedule || old.Released || !Period.TryParse(old.Period.AsSpan(), out var p) || p.Last != yesterday) continue;
            if (!HasSuccessor(tasks, schedule, today)) return true;
        }
        return false;
    }

    private static bool HasSuccessor(List<TaskItem> tasks, string schedule, DateOnly today)
    {
        for (var i = 0; i < tasks.Count; i++)
            if (tasks[i].ScheduleId == schedule && !tasks[i].Released && Period.Holds(tasks[i].Period, today)) return true;
        return false;
    }
}
