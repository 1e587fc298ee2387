using Cascade.Schedules;
using Cascade.Tasks;

namespace Cascade.Directives;

/// <summary>
/// The owner side of docs/domain.md "Schedules" as plain logic: which period is due, the
/// instance's window in it, and a patch applied. A schedule is a directive with a
/// <see cref="Recurrence"/>: its <c>Start</c> and <c>Due</c> are those of its current period, so
/// the copies' owned fields come out of one place.
/// </summary>
public static class ScheduleRules
{
    /// <summary>The schedule's window set to <paramref name="period"/> (the instance every target gets for it).</summary>
    public static Directive InPeriod(Directive d, Period period) => d with
    {
        Start = period.First,
        Due = period.Due(d.Recurrence!.DueDay),
        Recurrence = d.Recurrence with { Current = period.Name },
    };

    /// <summary>The period to hand out now, or null: none is due (before from, after until, or already handed out).</summary>
    public static Period? Due(Directive d, DateOnly today)
    {
        var r = d.Recurrence!;
        var now = Period.Of(r.Every, today);
        if (r.Current == now.Name || !r.Covers(now)) return null;
        return now;
    }

    /// <summary>A patch of title, weight, track, dueDay, until and note; the current window follows the due day.</summary>
    public static Result<Directive> Apply(Directive stored, Recurrence r, DirectivePatch patch)
    {
        var until = patch.UntilGiven ? patch.Until : r.Until;
        if (until is not null && (!Period.TryParse(until, r.Every, out var last) || last.CompareTo(r.FromPeriod) < 0))
            return Result<Directive>.Invalid("until", $"until must be a period of the schedule's cadence, not before from ({r.From}).");
        var next = stored with
        {
            Title = patch.Title ?? stored.Title,
            Weight = patch.Weight ?? stored.Weight,
            Track = patch.Track ?? stored.Track,
            Note = patch.Note ?? stored.Note,
            Recurrence = r with { DueDay = patch.DueDay ?? r.DueDay, Until = until },
        };
        var current = r.Current is { } name && Period.TryParse(name, r.Every, out var p) ? p : r.FromPeriod;
        return Result<Directive>.Ok(InPeriod(next, current) with { Recurrence = next.Recurrence with { Current = r.Current } });
    }

    /// <summary>An instance's copy id: <c>{scheduleId}-{period}</c>.</summary>
    public static string InstanceId(string scheduleId, string period) => CopyOrder.InstanceId(scheduleId, period);
}
