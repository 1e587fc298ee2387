using Cascade.Directives;
using Cascade.Tasks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Unit;

/// <summary>
/// docs/architecture.md "Schedules": in the first <see cref="TurnWait.Limit"/> of a day, a unit
/// holding an instance of a period that ended yesterday, and not yet its successor, leaves the
/// clock's re-evaluation to the write that brings the new instances; after the limit, or with
/// the successor there, the clock re-evaluates as on any other day.
/// </summary>
public sealed class TurnWaitTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset Midnight = new(2027, 1, 1, 0, 0, 0, China);

    private static TaskItem Instance(string schedule, string period, DateOnly first, DateOnly due, bool released = false) => new()
    {
        Id = $"{schedule}-{period}", Title = schedule, Start = first, Due = due, ScheduleId = schedule, Period = period,
        Released = released, Version = 1, UpdatedAt = Midnight.AddDays(-10),
    };

    private static readonly TaskItem December = Instance("zbwyh", "2026-12", new(2026, 12, 1), new(2026, 12, 31));
    private static readonly TaskItem January = Instance("zbwyh", "2027-01", new(2027, 1, 1), new(2027, 1, 31));

    private static bool Awaits(DateTimeOffset now, params TaskItem[] tasks) => TurnWait.Awaits([.. tasks], now, TestClock.At(now));

    [Fact]
    public void Last_period_s_instance_without_its_successor_waits_for_the_limit_after_local_midnight()
    {
        Assert.True(Awaits(Midnight, December));
        Assert.True(Awaits(Midnight + TurnWait.Limit - TimeSpan.FromMilliseconds(1), December));
        Assert.False(Awaits(Midnight + TurnWait.Limit, December));
        Assert.False(Awaits(Midnight.AddMinutes(-1), December)); // the eve: the period has not ended
    }

    [Fact]
    public void The_successor_a_released_instance_or_an_older_period_does_not_wait()
    {
        Assert.False(Awaits(Midnight.AddMinutes(1), December, January));
        Assert.False(Awaits(Midnight.AddMinutes(1), December with { Released = true }));
        Assert.False(Awaits(Midnight.AddDays(1).AddMinutes(1), December)); // ended the day before yesterday
        Assert.False(Awaits(Midnight.AddMinutes(1), December with { ScheduleId = null, Period = null })); // a plain task
    }
}
