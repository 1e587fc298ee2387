using Cascade.Time;

namespace Cascade.Tests.Unit;

/// <summary>
/// docs/operations.md "Working-day calendar": the built-in years against their official notices day
/// by day, and a year the calendar does not cover (Monday-Friday, a warning once).
/// </summary>
public sealed class WorkingCalendarTests
{
    private readonly List<string> _warnings = [];
    private WorkingCalendar Calendar => new(CalendarFile.BuiltIn, _warnings.Add);

    private static DateOnly D(string day) => DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

    private static HashSet<DateOnly> Days(params (string First, string Last)[] ranges)
    {
        var days = new HashSet<DateOnly>();
        foreach (var (first, last) in ranges)
            for (var day = D(first); day <= D(last); day = day.AddDays(1)) days.Add(day);
        return days;
    }

    // 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04).
    private static readonly HashSet<DateOnly> Holidays2026 = Days(("2026-01-01", "2026-01-03"), ("2026-02-15", "2026-02-23"),
        ("2026-04-04", "2026-04-06"), ("2026-05-01", "2026-05-05"), ("2026-06-19", "2026-06-21"), ("2026-09-25", "2026-09-27"),
        ("2026-10-01", "2026-10-07"));
    private static readonly HashSet<DateOnly> Workdays2026 = [.. new[] { "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10" }.Select(D)];

    // 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号, 2024-11-12).
    private static readonly HashSet<DateOnly> Holidays2025 = Days(("2025-01-01", "2025-01-01"), ("2025-01-28", "2025-02-04"),
        ("2025-04-04", "2025-04-06"), ("2025-05-01", "2025-05-05"), ("2025-05-31", "2025-06-02"), ("2025-10-01", "2025-10-08"));
    private static readonly HashSet<DateOnly> Workdays2025 = [.. new[] { "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11" }.Select(D)];

    private void EveryDayAsTheNoticeSays(int year, HashSet<DateOnly> holidays, HashSet<DateOnly> workdays, int workingDays)
    {
        var calendar = Calendar;
        var counted = 0;
        for (var day = new DateOnly(year, 1, 1); day.Year == year; day = day.AddDays(1))
        {
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var expected = workdays.Contains(day) || (!weekend && !holidays.Contains(day));
            Assert.True(expected == calendar.IsWorkingDay(day), $"{day:yyyy-MM-dd} ({day.DayOfWeek}) should {(expected ? "" : "not ")}be a working day");
            if (expected) counted++;
        }
        Assert.Equal(workingDays, counted);
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Every_day_of_2026_is_as_the_notice_sets_it() => EveryDayAsTheNoticeSays(2026, Holidays2026, Workdays2026, 248);

    [Fact]
    public void Every_day_of_2025_is_as_the_notice_sets_it() => EveryDayAsTheNoticeSays(2025, Holidays2025, Workdays2025, 248);

    [Fact]
    public void National_day_2026_is_off_from_the_1st_to_the_7th_with_two_weekend_days_worked()
    {
        var calendar = Calendar;
        for (var day = D("2026-10-01"); day <= D("2026-10-07"); day = day.AddDays(1)) Assert.False(calendar.IsWorkingDay(day), $"{day}");
        Assert.Equal(DayOfWeek.Sunday, D("2026-09-20").DayOfWeek);
        Assert.True(calendar.IsWorkingDay(D("2026-09-20")));
        Assert.Equal(DayOfWeek.Saturday, D("2026-10-10").DayOfWeek);
        Assert.True(calendar.IsWorkingDay(D("2026-10-10")));
        Assert.True(calendar.IsWorkingDay(D("2026-10-08")));
        Assert.True(calendar.IsWorkingDay(D("2026-10-09")));
        Assert.False(calendar.IsWorkingDay(D("2026-10-11"))); // an ordinary Sunday
        Assert.False(calendar.IsWorkingDay(D("2026-09-26"))); // 中秋, a Saturday
        Assert.False(calendar.IsWorkingDay(D("2026-09-25"))); // 中秋, a Friday
    }

    [Fact]
    public void National_day_and_mid_autumn_2025_are_off_from_the_1st_to_the_8th()
    {
        var calendar = Calendar;
        for (var day = D("2025-10-01"); day <= D("2025-10-08"); day = day.AddDays(1)) Assert.False(calendar.IsWorkingDay(day), $"{day}");
        Assert.True(calendar.IsWorkingDay(D("2025-09-28"))); // Sunday, worked
        Assert.True(calendar.IsWorkingDay(D("2025-10-11"))); // Saturday, worked
        Assert.True(calendar.IsWorkingDay(D("2025-10-09")));
        Assert.False(calendar.IsWorkingDay(D("2025-10-12")));
        Assert.False(calendar.IsWorkingDay(D("2025-09-27")));
    }

    [Fact]
    public void The_built_in_years_cite_their_notices()
    {
        var years = CalendarFile.BuiltIn;
        Assert.Equal([2025, 2026], years.Keys.Order());
        Assert.Contains("国务院办公厅关于2025年部分节假日安排的通知", years[2025].Source);
        Assert.Contains("国办发明电〔2024〕12号", years[2025].Source);
        Assert.Contains("国务院办公厅关于2026年部分节假日安排的通知", years[2026].Source);
        Assert.Contains("2025年11月4日", years[2026].Source);
        Assert.Equal(Holidays2026, years[2026].Holidays);
        Assert.Equal(Workdays2026, years[2026].Workdays);
    }

    [Fact]
    public void A_year_not_covered_counts_Monday_to_Friday_and_is_logged_once()
    {
        var calendar = Calendar;
        for (var day = D("2027-01-01"); day <= D("2027-12-31"); day = day.AddDays(1))
            Assert.Equal(day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), calendar.IsWorkingDay(day));
        Assert.False(calendar.IsWorkingDay(D("2027-10-02"))); // a Saturday: no 国庆 known, no 调休 either
        Assert.True(calendar.IsWorkingDay(D("2027-10-01")));  // a Friday
        var warning = Assert.Single(_warnings);
        Assert.Equal("No working-day calendar for 2027: counting Monday-Friday; set Cascade:Calendar:File.", warning);

        Assert.True(calendar.IsWorkingDay(D("2024-10-01"))); // 2024 is not built in either: a Tuesday counts
        Assert.Equal(2, _warnings.Count);
        Assert.Contains("2024", _warnings[1]);
        calendar.IsWorkingDay(D("2024-10-02"));
        calendar.IsWorkingDay(D("2026-10-02"));
        Assert.Equal(2, _warnings.Count);
    }

    [Fact]
    public void Concurrent_askers_hear_of_a_missing_year_once()
    {
        var warnings = new System.Collections.Concurrent.ConcurrentBag<string>();
        var shared = new WorkingCalendar(CalendarFile.BuiltIn, warnings.Add);
        Parallel.For(0, 1000, i => shared.IsWorkingDay(new DateOnly(2030, 1, 1).AddDays(i % 365)));
        Assert.Single(warnings);
    }
}
