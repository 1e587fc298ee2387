using Cascade.Alerts;
using Cascade.Tests.Support;
using Cascade.Time;

namespace Cascade.Tests.Unit;

/// <summary>
/// docs/domain.md "Alerts": with <c>WorkingTimeOnly</c> escalation counts working days only, each
/// from its local midnight to the next; weekends, holidays and the days of 国庆 do not count.
/// </summary>
public sealed class WorkingTimeTests
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);
    private static readonly DomainClock Clock = TestClock.At(new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero));
    private static readonly WorkingTime Working = new(new WorkingCalendar(CalendarFile.BuiltIn), Clock);
    private static readonly string[] Ancestors = ["jgdw", "kjt"];

    /// <summary>A local (Asia/Shanghai) time.</summary>
    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) =>
        new DateTimeOffset(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    private static AlertBook FiredAt(DateTimeOffset at)
    {
        var book = new AlertBook();
        AlertLifecycle.Update(book, "bgs", [new AlertCondition("taskOverdue", "a", AlertSeverity.Red, at, new AlertFigures("七月主题党日"))], at, _ => TimeSpan.Zero);
        return book;
    }

    [Fact]
    public void Across_national_day_an_alert_of_the_30th_climbs_on_the_9th_not_on_the_2nd()
    {
        var fired = Local(9, 30, 10);
        Assert.Equal(Local(10, 9, 10), Working.Reaching(fired, 2 * Day));
        Assert.Equal(Local(10, 2, 10), ElapsedTime.All.Reaching(fired, 2 * Day));
        Assert.Equal(TimeSpan.FromHours(14), Working.Between(fired, Local(10, 7, 23)));
        Assert.Equal(TimeSpan.FromHours(38), Working.Between(fired, Local(10, 9, 0)));

        var book = FiredAt(fired);
        Assert.Equal(Local(10, 9, 10), AlertLifecycle.NextEscalation(book, 2 * Day, Ancestors.Length, Working));
        Assert.Empty(AlertLifecycle.Escalate(book, Local(10, 2, 10), 2 * Day, Ancestors, Working));
        Assert.Empty(AlertLifecycle.Escalate(book, Local(10, 9, 10) - Ms, 2 * Day, Ancestors, Working));
        var climbed = Assert.Single(AlertLifecycle.Escalate(book, Local(10, 9, 10), 2 * Day, Ancestors, Working));
        Assert.Equal((1, "jgdw"), (climbed.EscalationLevel, climbed.EscalatedToUnitId));
        // The next level: 10-09 from 10:00, the 10th (a Saturday worked, 调休), not the 11th (a Sunday), then the 12th until 10:00.
        Assert.Equal(Local(10, 12, 10), AlertLifecycle.NextEscalation(book, 2 * Day, Ancestors.Length, Working));

        // Without the option: all time counts.
        var allTime = FiredAt(fired);
        Assert.Empty(AlertLifecycle.Escalate(allTime, Local(10, 2, 10) - Ms, 2 * Day, Ancestors));
        Assert.Single(AlertLifecycle.Escalate(allTime, Local(10, 2, 10), 2 * Day, Ancestors));
    }

    [Fact]
    public void A_weekend_does_not_count()
    {
        var friday = Local(3, 13, 15);
        Assert.Equal(DayOfWeek.Friday, friday.ToOffset(TimeSpan.FromHours(8)).DayOfWeek);
        Assert.Equal(Local(3, 16, 15), Working.Reaching(friday, Day));
        Assert.Equal(TimeSpan.FromHours(9), Working.Between(friday, Local(3, 15, 23, 59)));
        Assert.Equal(Day, Working.Between(friday, Local(3, 16, 15)));

        var book = FiredAt(friday);
        Assert.Empty(AlertLifecycle.Escalate(book, Local(3, 16, 15) - Ms, Day, Ancestors, Working));
        Assert.Single(AlertLifecycle.Escalate(book, Local(3, 16, 15), Day, Ancestors, Working));
    }

    [Fact]
    public void An_alert_fired_on_a_holiday_counts_from_the_next_working_midnight_and_a_weekend_day_worked_counts()
    {
        var saturday = Local(10, 3, 12);
        // 10-08 and 10-09 count whole: two days are reached at the start of the 10th, a Saturday worked.
        Assert.Equal(Local(10, 10, 0), Working.Reaching(saturday, 2 * Day));
        Assert.Equal(Local(10, 10, 12), Working.Reaching(saturday, 2.5 * Day));
        Assert.Equal(Local(10, 11, 0), Working.Reaching(saturday, 3 * Day));
        Assert.Equal(Local(10, 12, 12), Working.Reaching(saturday, 3.5 * Day)); // the 11th, a Sunday, does not count
        Assert.Equal(TimeSpan.Zero, Working.Between(saturday, Local(10, 8, 0)));
        Assert.Equal(TimeSpan.Zero, Working.Between(Local(10, 9, 0), Local(10, 8, 0)));
    }

    [Fact]
    public void Between_and_reaching_agree_hour_by_hour_across_the_autumn()
    {
        var from = Local(9, 18, 7, 30);
        for (var hours = 0; hours <= 24 * 40; hours += 7)
        {
            var elapsed = TimeSpan.FromHours(hours);
            var at = Working.Reaching(from, elapsed);
            Assert.Equal(elapsed, Working.Between(from, at));
            if (hours > 0) Assert.True(Working.Between(from, at - Ms) < elapsed, $"{hours} h are reached at {at}, not before");
        }
    }

    [Fact]
    public void The_desk_escalates_in_working_time_with_the_option_and_needs_the_calendar_for_it()
    {
        var book = FiredAt(Local(9, 30, 10));
        var options = new AlertOptions { EscalateAfter = 2 * Day, WorkingTimeOnly = true };
        var calendar = new WorkingCalendar(CalendarFile.BuiltIn);
        AlertDesk Desk(DateTimeOffset now, AlertOptions o) => new(() => book, new AlertRules(o), o, TestClock.At(now), calendar);

        Assert.False(Desk(Local(10, 2, 10), options).EscalationDue(hasParent: true));
        Assert.False(Desk(Local(10, 9, 10) - Ms, options).EscalationDue(hasParent: true));
        var desk = Desk(Local(10, 9, 10), options);
        Assert.True(desk.EscalationDue(hasParent: true));
        Assert.Equal("jgdw", Assert.Single(desk.Escalate(Ancestors)).EscalatedToUnitId);

        var allTime = new AlertOptions { EscalateAfter = 2 * Day };
        book = FiredAt(Local(9, 30, 10));
        Assert.True(Desk(Local(10, 2, 10), allTime).EscalationDue(hasParent: true));
        Assert.Throws<ArgumentNullException>(() => new AlertDesk(() => book, new AlertRules(options), options, Clock));
    }
}
