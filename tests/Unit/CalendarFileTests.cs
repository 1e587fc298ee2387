using Cascade.Hosting;
using Cascade.Tests.Support;
using Cascade.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cascade.Tests.Unit;

/// <summary>
/// docs/operations.md "Working-day calendar": <c>Cascade:Calendar:File</c> replaces the built-in
/// calendar entirely; a file that cannot be used stops the start, naming the file and the line or field.
/// </summary>
public sealed class CalendarFileTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(string json)
    {
        var path = _folder.File($"calendar-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static DateOnly D(string day) => DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

    private const string Replacement = """
        {
          // an organization's own year: a day off of its own on 2 March
          "years": [
            { "year": 2026, "source": "本单位2026年作息安排", "holidays": ["2026-03-02", "2026-10-01..2026-10-03",], "workdays": ["2026-10-10"] },
          ]
        }
        """;

    [Fact]
    public void A_replacement_file_replaces_the_built_in_calendar_entirely()
    {
        var warnings = new List<string>();
        var calendar = new WorkingCalendar(CalendarFile.Load(Write(Replacement)), warnings.Add);
        Assert.Equal([2026], calendar.Years);
        Assert.False(calendar.IsWorkingDay(D("2026-03-02"))); // a Monday made a holiday there
        Assert.False(calendar.IsWorkingDay(D("2026-10-03")));
        Assert.True(calendar.IsWorkingDay(D("2026-10-05")));  // a holiday of the built-in calendar only
        Assert.True(calendar.IsWorkingDay(D("2026-10-10")));
        Assert.False(calendar.IsWorkingDay(D("2026-09-20"))); // 调休 of the built-in calendar only
        Assert.Empty(warnings);
        Assert.True(calendar.IsWorkingDay(D("2025-10-01"))); // 2025 is built in, but not in this file
        Assert.Equal(WorkingCalendar.Uncovered(2025), Assert.Single(warnings));
    }

    [Theory]
    [InlineData("""{"years": [{"year": 2026, "source": "s", "holidays": ["2026-01-01"}]}""", "is not JSON: line 1")]
    [InlineData("{\n  \"years\": [\n    {\"year\": 2026,\n     \"source\": \"s\"\n     \"holidays\": []}]}", "is not JSON: line 5")]
    [InlineData("""{"years": [{"year": 2026, "source": "s", "holidays": ["2026-01-01", "2026-01-01"]}]}""", "years[0].holidays[1]: 2026-01-01 is listed twice in the year 2026")]
    [InlineData("""{"years": [{"year": 2026, "source": "s", "holidays": ["2026-01-01..2026-01-03"], "workdays": ["2026-01-03"]}]}""", "years[0].workdays[0]: 2026-01-03 is listed twice")]
    [InlineData("""{"years": [{"year": 2026, "source": "s", "holidays": ["2025-12-31"]}]}""", "years[0].holidays[0]: 2025-12-31 lies outside the year 2026")]
    [InlineData("""{"years": [{"year": 2026, "source": "s", "holidays": ["2026-12-30..2027-01-02"]}]}""", "years[0].holidays[0]: 2027-01-01 lies outside the year 2026")]
    [InlineData("""{"years": [{"year": 2026, "source": "s", "holidays": ["2026-02-30"]}]}""", "years[0].holidays[0]: '2026-02-30' is neither a day")]
    [InlineData("""{"years": [{"year": 2026, "source": "s", "holidays": ["2026-01-03..2026-01-01"]}]}""", "years[0].holidays[0]: '2026-01-03..2026-01-01' is neither a day")]
    [InlineData("""{"years": [{"year": 2026, "source": "s", "workdays": ["2026-01-05"]}]}""", "years[0].workdays[0]: 2026-01-05 is a Monday")]
    [InlineData("""{"years": [{"year": 2026, "source": "s", "holiday": ["2026-01-01"]}]}""", "years[0].holiday: is not a field")]
    [InlineData("""{"years": [{"year": 2026, "source": "s"}, {"year": 2026, "source": "t"}]}""", "years[1].year: 2026 is given twice")]
    [InlineData("""{"years": [{"year": "2026", "source": "s"}]}""", "years[0].year: must be a year")]
    [InlineData("""{"years": [{"year": 2026, "holidays": []}]}""", "years[0].source: must name the official notice")]
    [InlineData("""[2026]""", "years: the file must be an object")]
    public void A_file_that_cannot_be_used_is_refused_naming_the_file_and_the_line_or_field(string json, string why)
    {
        var path = Write(json);
        var refused = Assert.Throws<CalendarFileException>(() => CalendarFile.Load(path));
        Assert.Contains(path, refused.Message);
        Assert.Contains(why, refused.Message);
    }

    [Fact]
    public void A_missing_file_is_refused_naming_the_setting()
    {
        var refused = Assert.Throws<CalendarFileException>(() => CalendarFile.Load(_folder.File("nowhere.json")));
        Assert.Contains("Cascade:Calendar:File names", refused.Message);
        Assert.Contains("nowhere.json", refused.Message);
    }

    private static ServiceProvider Node(string? file, CollectedLogs? logs = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [CalendarOptions.FileSetting] = file }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => { if (logs is not null) b.AddProvider(logs); });
        return services.AddCascadeCalendar().BuildServiceProvider();
    }

    [Fact]
    public void A_bad_file_stops_the_start_and_a_good_one_read_at_start_serves_the_node()
    {
        var bad = Write("""{"years": [{"year": 2026, "source": "s", "holidays": ["2026-13-01"]}]}""");
        using (var node = Node(bad))
        {
            var refused = Assert.Throws<OptionsValidationException>(() => node.GetRequiredService<IStartupValidator>().Validate());
            Assert.Contains(bad, refused.Message);
            Assert.Contains("years[0].holidays[0]", refused.Message);
        }
        using (var node = Node(bad))
            Assert.Throws<OptionsValidationException>(() => node.GetRequiredService<IWorkingCalendar>()); // no start: refused at first use

        var logs = new CollectedLogs();
        var good = Write(Replacement);
        using (var node = Node(good, logs))
        {
            node.GetRequiredService<IStartupValidator>().Validate();
            File.WriteAllText(good, "changed after the start"); // read once, at start: a change needs a restart
            var calendar = node.GetRequiredService<IWorkingCalendar>();
            Assert.Same(calendar, node.GetRequiredService<IWorkingCalendar>());
            Assert.False(calendar.IsWorkingDay(D("2026-03-02")));
            calendar.IsWorkingDay(D("2027-03-01"));
            calendar.IsWorkingDay(D("2027-03-02"));
            Assert.Equal(["Warning Cascade.Time.WorkingCalendar: No working-day calendar for 2027: counting Monday-Friday; set Cascade:Calendar:File."], logs.Messages);
        }

        using (var node = Node(null))
        {
            node.GetRequiredService<IStartupValidator>().Validate();
            Assert.False(node.GetRequiredService<IWorkingCalendar>().IsWorkingDay(D("2026-10-08").AddDays(-1)));
        }
    }
}
