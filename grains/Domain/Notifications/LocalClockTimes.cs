using System.Globalization;

namespace Cascade.Notifications;

/// <summary>
/// The local times of day the notification settings name: <c>HH:mm</c> (a digest's time) and
/// <c>HH:mm-HH:mm</c> (quiet hours, which may cross midnight), and the instants they fall on in
/// the organization's zone.
/// </summary>
public static class LocalClockTimes
{
    public static bool TryParse(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>Quiet hours as (start, end); false when not <c>HH:mm-HH:mm</c> or when both are equal.</summary>
    public static bool TryParseRange(string? text, out TimeOnly start, out TimeOnly end)
    {
        start = end = default;
        var parts = text?.Split('-');
        return parts is { Length: 2 } && TryParse(parts[0], out start) && TryParse(parts[1], out end) && start != end;
    }

    /// <summary>The instant a local day's time falls on (a time skipped by a daylight change moves on by the gap).</summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>When the quiet hours holding <paramref name="now"/> end; null when <paramref name="now"/> is not within them.</summary>
    public static DateTimeOffset? QuietUntil(string? quietHours, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (!TryParseRange(quietHours, out var start, out var end)) return null;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (start < end) return time >= start && time < end ? At(day, end, zone) : null;
        // Crossing midnight (22:00-07:00): quiet from start to midnight, and from midnight to end.
        if (time >= start) return At(day.AddDays(1), end, zone);
        return time < end ? At(day, end, zone) : null;
    }

    /// <summary>The first instant at local <paramref name="time"/> on a day <paramref name="working"/> accepts, strictly after <paramref name="after"/>.</summary>
    public static DateTimeOffset NextOn(TimeOnly time, DateTimeOffset after, TimeZoneInfo zone, Func<DateOnly, bool> working)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, zone).DateTime);
        for (var i = 0; i < 400; i++, day = day.AddDays(1))
        {
            var at = At(day, time, zone);
            if (at > after && working(day)) return at;
        }
        return At(day, time, zone); // a calendar without a working day in 400 days: the day after them
    }
}
