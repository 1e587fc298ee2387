using System.Text.Json;
using Cascade.Reports;
using Cascade.Units;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Cascade.Tests.Reports;

/// <summary>A year report crosses the grain boundary whole: every field of every row through Orleans' serializer.</summary>
public sealed class ReportWireTests
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void A_year_report_keeps_every_field()
    {
        var counts = new TaskCounts(5, 4, 3, 1);
        var tracks = new TrackCounts(counts, new TaskCounts(2, 1, 1, 0), new TaskCounts(7, 5, 4, 1));
        var row = new ReportRow("b", "c", "第一党支部", UnitKind.Branch, 1, tracks, new TaskCounts(2, 2, 1, 0),
            [new DutyLine("dk", "党课", 4, 4, 3)], [new RuleCount("taskOverdue", 2)],
            [new MonthPoint(1, new DateOnly(2026, 2, 1), 0.1, 0.2), new MonthPoint(2, new DateOnly(2026, 3, 1), null, null)],
            [new TagLine("效能目标考核", tracks, counts)], new FindingCounts(3, 2, 4.5));
        var report = new YearReport("c", 2026, 1, DateTimeOffset.UnixEpoch.AddDays(1), DateTimeOffset.UnixEpoch.AddDays(2), [row], "测试厅党组");
        var back = Serializer.Deserialize<YearReport>(Serializer.SerializeToArray(report));
        Assert.Equal(JsonSerializer.Serialize(report), JsonSerializer.Serialize(back));
    }
}
