using Cascade.Alerts;
using Cascade.Tests.Support;
using Cascade.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cascade.Tests.Web;

/// <summary>
/// The product with <c>Cascade:Calendar:File</c> and <c>Cascade:Alerts:WorkingTimeOnly</c>: the
/// node's one working-day calendar is the file's, and a file that cannot be used stops the start
/// naming the file and the field.
/// </summary>
public sealed class CalendarStartupTests
{
    [Fact]
    public async Task The_node_serves_the_calendar_file_it_is_given()
    {
        using var folder = new TempDirectory();
        var file = folder.File("calendar.json");
        File.WriteAllText(file, """{"years": [{"year": 2026, "source": "本单位2026年作息安排", "holidays": ["2026-06-15"]}]}""");
        await using var app = new CascadeApp(seedDemo: false, new() { ["Cascade:Calendar:File"] = file, ["Cascade:Alerts:WorkingTimeOnly"] = "true" });
        var calendar = app.Services.GetRequiredService<IWorkingCalendar>();
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 6, 15))); // a Monday, made a holiday in the file
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 10, 1)));   // 国庆 is the built-in calendar's, replaced
        Assert.True(app.Services.GetRequiredService<IOptions<AlertOptions>>().Value.WorkingTimeOnly);
    }

    [Fact]
    public async Task A_calendar_file_that_cannot_be_used_stops_the_start()
    {
        using var folder = new TempDirectory();
        var file = folder.File("calendar.json");
        File.WriteAllText(file, """{"years": [{"year": 2026, "source": "s", "workdays": ["2026-10-10", "2026-10-10"]}]}""");
        await using var app = new CascadeApp(seedDemo: false, new() { ["Cascade:Calendar:File"] = file });
        var error = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains($"The working-day calendar {file}: years[0].workdays[1]: 2026-10-10 is listed twice in the year 2026.", error.ToString());
    }
}
