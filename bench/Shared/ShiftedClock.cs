namespace Cascade.Bench.Shared;

/// <summary>
/// The product's domain clock for the bench: the real clock plus an offset the bench sets, so
/// real time keeps flowing (timers, timeouts) while the calendar stands where the bench puts it.
/// Registered under <c>CascadeSiloExtensions.ClockKey</c>; Orleans' own clock is not moved.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    /// <summary>A clock whose local time in <paramref name="zone"/> is <paramref name="local"/> now.</summary>
    public ShiftedClock(TimeZoneInfo zone, DateTime local)
    {
        Zone = zone;
        SetLocal(local);
    }

    public TimeZoneInfo Zone { get; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>The organization's local time now.</summary>
    public DateTime LocalNow => TimeZoneInfo.ConvertTime(GetUtcNow(), Zone).DateTime;

    /// <summary>Moves the clock so the organization's local time is <paramref name="local"/> now.</summary>
    public void SetLocal(DateTime local)
    {
        var utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);
        Interlocked.Exchange(ref _offsetTicks, (new DateTimeOffset(utc, TimeSpan.Zero) - System.GetUtcNow()).Ticks);
    }
}
