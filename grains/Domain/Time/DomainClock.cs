using Cascade.Tasks;
using Microsoft.Extensions.Options;

namespace Cascade.Time;

/// <summary>
/// The organization's notion of "now" and of calendar days. A distinct type (not the
/// TimeProvider Orleans itself uses) so tests can move the domain's clock without moving
/// Orleans' timers and membership.
/// </summary>
public sealed class DomainClock
{
    public DomainClock(TimeProvider time, IOptions<ClockOptions> options)
    {
        Time = time;
        Zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
        StaleAfter = options.Value.StaleAfter;
        _computeStartOfDay = ComputeStartOfDay;
    }

    public TimeProvider Time { get; }
    public TimeZoneInfo Zone { get; }
    public TimeSpan StaleAfter { get; }

    /// <summary>Now, truncated to milliseconds so every figure is reproducible from its computedAt.</summary>
    public DateTimeOffset Now
    {
        get
        {
            var now = Time.GetUtcNow();
            return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        }
    }

    public DateOnly Today => DayOf(Now);

    /// <summary>The calendar day, in the organization's zone, that holds <paramref name="instant"/>.</summary>
    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The UTC instant at which a calendar day starts in the organization's zone.</summary>
    public DateTimeOffset StartOfDay(DateOnly day) => _midnights.GetOrAdd(day, _computeStartOfDay);

    // Every recompute asks for the windows of every task of a unit; the days in use are few
    // and time-zone rules do not change while the process runs.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<DateOnly, DateTimeOffset> _midnights = new();
    private readonly Func<DateOnly, DateTimeOffset> _computeStartOfDay;

    private DateTimeOffset ComputeStartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>A task's window: from start 00:00 to due + 1 day 00:00, local time.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) Window(TaskItem task) =>
        (StartOfDay(task.Start), StartOfDay(task.Due.AddDays(1)));

    /// <summary>1 January of the local year <paramref name="now"/> lies in: tasks done and due before it are archived (<see cref="Archive"/>).</summary>
    public DateOnly YearStart(DateTimeOffset now) => new(TimeZoneInfo.ConvertTime(now, Zone).Year, 1, 1);

    /// <summary><see cref="Archive.IsArchived"/> at <paramref name="now"/>; for many tasks, take <see cref="YearStart"/> once.</summary>
    public bool IsArchived(TaskItem task, DateTimeOffset now) => Archive.IsArchived(task, YearStart(now));

    public bool IsOverdue(TaskItem task, DateTimeOffset now) =>
        task.Status != TaskItemStatus.Done && now >= Window(task).End;
}
