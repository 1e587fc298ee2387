using Cascade.Alerts;
using Cascade.Notifications;

namespace Cascade.Tests.Unit;

/// <summary>The notification outbox's plain logic: local times, quiet hours, the retry schedule, bursts and repeats.</summary>
public sealed class NotifyTimingTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => new DateTimeOffset(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    [Theory]
    [InlineData(21, 59, null)]
    [InlineData(22, 0, "06-17 07:00")]
    [InlineData(23, 30, "06-17 07:00")]
    [InlineData(3, 0, "06-16 07:00")]
    [InlineData(6, 59, "06-16 07:00")]
    [InlineData(7, 0, null)]
    [InlineData(12, 0, null)]
    public void Quiet_hours_across_midnight_end_at_their_end(int hour, int minute, string? until)
    {
        var end = LocalClockTimes.QuietUntil("22:00-07:00", Local(6, 16, hour, minute), Shanghai);
        Assert.Equal(until, end is { } e ? TimeZoneInfo.ConvertTime(e, Shanghai).ToString("MM-dd HH:mm") : null);
    }

    [Theory]
    [InlineData("12:00-14:00", 13, true)]
    [InlineData("12:00-14:00", 14, false)]
    [InlineData(null, 23, false)]
    public void Quiet_hours_within_a_day_and_none(string? quiet, int hour, bool within) =>
        Assert.Equal(within, LocalClockTimes.QuietUntil(quiet, Local(6, 16, hour), Shanghai) is not null);

    [Theory]
    [InlineData("22:00-07:00", true)]
    [InlineData("7:00-9:00", false)]
    [InlineData("22:00-22:00", false)]
    [InlineData("22:00-24:00", false)]
    [InlineData("22:00", false)]
    public void Quiet_hours_are_two_different_HH_mm(string text, bool valid) => Assert.Equal(valid, LocalClockTimes.TryParseRange(text, out _, out _));

    [Fact]
    public void A_digest_goes_at_its_time_on_the_next_working_day()
    {
        static bool Weekday(DateOnly d) => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        var nine = new TimeOnly(9, 0);
        Assert.Equal(Local(6, 22, 9), LocalClockTimes.NextOn(nine, Local(6, 20, 0), Shanghai, Weekday)); // Saturday: Monday
        Assert.Equal(Local(6, 16, 9), LocalClockTimes.NextOn(nine, Local(6, 16, 8, 59), Shanghai, Weekday));
        Assert.Equal(Local(6, 17, 9), LocalClockTimes.NextOn(nine, Local(6, 16, 9), Shanghai, Weekday)); // strictly after
    }

    [Fact]
    public void Retries_follow_10_s_30_s_1_min_5_min_then_30_min_and_stop_24_h_after_the_first()
    {
        Assert.Equal([10, 30, 60, 300, 1800, 1800], Enumerable.Range(1, 6).Select(n => RetrySchedule.After(n).TotalSeconds));
        var first = Local(6, 16, 9);
        Assert.Equal(first + TimeSpan.FromSeconds(10), RetrySchedule.Next(1, first, first));
        Assert.Equal(first + TimeSpan.FromHours(24), RetrySchedule.Next(50, first, first + TimeSpan.FromHours(23.5)));
        Assert.Null(RetrySchedule.Next(51, first, first + TimeSpan.FromHours(23.6)));
    }

    private static NotifyEvent Event(string unit, int n, AlertSeverity severity = AlertSeverity.Red) =>
        NotifyEvent.Of(NotifyEventKind.Fired, new Alert($"{unit}.{n}", "taskOverdue", severity, unit, $"t{n}", AlertState.Firing, null, Local(6, 16, 0), Local(6, 16, 0)), Local(6, 16, 0));

    private static RouteDesk Desk(NotifyRouteState state, string? digest = null) =>
        new("r", new RouteOptions { Unit = "root", Channel = "c", Digest = digest }, TimeSpan.FromSeconds(30), null, Shanghai, _ => true, () => state);

    [Fact]
    public void A_burst_keeps_fifty_events_in_full_counts_the_rest_and_takes_a_repeat_once()
    {
        var state = new NotifyRouteState();
        var desk = Desk(state);
        var now = Local(6, 16, 0);
        var burst = Enumerable.Range(0, 3000).Select(n => Event("zb", n)).ToList();
        Assert.Equal(3000, desk.Accept(burst, now));
        Assert.Equal(0, desk.Accept(burst.Take(100).ToList(), now + TimeSpan.FromSeconds(5))); // redelivered: taken once
        var group = Assert.Single(state.Waiting);
        Assert.Equal((RouteDesk.MaxItems, 2950), (group.Events.Count, group.Omitted));

        Assert.Empty(desk.Ready(now + TimeSpan.FromSeconds(29), out _));
        var made = desk.Form(desk.Ready(now + TimeSpan.FromSeconds(30), out _), _ => ["root", "zb"], now + TimeSpan.FromSeconds(30));
        var message = Assert.Single(made);
        Assert.Equal((50, 2950, 3000), (message.Items.Count, message.Omitted, message.View().ItemCount));
        Assert.Equal(32, message.DeliveryId.Length);

        desk.Attempted(message, new DeliveryAnswer(true, 200, new string('x', 5000)), now + TimeSpan.FromSeconds(31));
        Assert.Equal((RouteMessageState.Sent, 1000), (message.State, message.LastAnswer!.Length));
        Assert.Empty(state.Pending);
        Assert.True(desk.Prune(now + TimeSpan.FromHours(25))); // the ids go after 24 h
        Assert.Empty(state.Seen);
        Assert.Equal(1, desk.Accept([burst[0]], now + TimeSpan.FromHours(25)));
    }
}
