using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Cascade.History;
using Cascade.Storage.AzureTables;
using Cascade.Testing;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Cascade.Tests.History;

/// <summary>
/// The history store's contract on Azurite, and what its layout is for (a unit's month in one
/// entity): a unit's 90 days are at most four requests, a past day's tree one, a day stored
/// between days kept leaves their structure as it was, two nodes appending one day at once keep
/// one point per unit, and a unit-day takes under 100 bytes as Azure bills entities.
/// </summary>
public sealed class AzureTableHistoryStoreTests : HistoryStoreTests, IClassFixture<Azurite>
{
    private readonly Azurite _azurite;
    private readonly string _prefix = Azurite.NewPrefix();
    private readonly Requests _requests = new();
    private readonly ITestOutputHelper _output;

    public AzureTableHistoryStoreTests(Azurite azurite, ITestOutputHelper output)
    {
        (_azurite, _output) = (azurite, output);
        Store = NewStore();
    }

    protected override IHistoryStore Store { get; }

    private AzureTableHistoryStore NewStore() => new(new AzureTables(Options.Create(new AzureTableOptions
    {
        ConnectionString = _azurite.ConnectionString, TablePrefix = _prefix,
    })) { Interceptor = _requests });

    private sealed class Requests : HttpPipelineSynchronousPolicy
    {
        private int _count;
        public int Count => _count;
        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
    }

    private static List<HistoryPoint> DayOf(DateOnly day, int units) =>
        [.. Enumerable.Range(0, units).Select(i => PointCodecTests.Branch(day) with { UnitId = $"b-{i:D4}" })];

    [Fact]
    public async Task A_units_90_days_are_at_most_four_requests_and_a_past_days_tree_one()
    {
        var first = new DateOnly(2026, 9, 1);
        for (var d = 0; d < 95; d++) await Store.Append(DayOf(first.AddDays(d), 100));
        var before = _requests.Count;
        var days = await Store.Read("b-0042", first.AddDays(4), first.AddDays(93));
        Assert.Equal(90, days.Count);
        Assert.True(_requests.Count - before <= 4, $"{_requests.Count - before} requests for 90 days");
        before = _requests.Count;
        Assert.Equal("b-0000", Assert.Single(await Store.ReadDay(first.AddDays(50), "b-0000", 0)).UnitId); // the month's 100 scanned
        Assert.Equal(1, _requests.Count - before);
    }

    [Fact]
    public async Task Two_nodes_appending_one_day_at_once_keep_one_whole_point_per_unit()
    {
        var ours = DayOf(Day, 250);
        var theirs = ours.Select(p => p with { Name = "另一节点", Figures = p.Figures with { Count = 7, Done = 7 } }).ToList();
        await Task.WhenAll(Store.Append(ours), NewStore().Append(theirs));
        foreach (var unit in ours.Select(p => p.UnitId))
        {
            var point = Assert.Single(await Store.Read(unit, Day, Day));
            Assert.True(point == ours.Single(p => p.UnitId == unit) || point == theirs.Single(p => p.UnitId == unit), $"{unit}: {point}");
        }
    }

    [Fact]
    public async Task A_unit_day_takes_under_100_bytes_as_azure_bills_entities()
    {
        const int Units = 500;
        var first = new DateOnly(2026, 12, 1);
        for (var d = 0; d < 31; d++) await Store.Append(DayOf(first.AddDays(d), Units));
        long bytes = 0;
        await foreach (var row in new TableClient(_azurite.ConnectionString, _prefix + AzureTables.History).QueryAsync<TableEntity>())
            bytes += Billed(row);
        var perPoint = (double)bytes / (Units * 31);
        _output.WriteLine($"history on Azure Tables: {perPoint:F1} bytes per unit-day as billed (a branch of a 21-character name, a month of points)");
        Assert.True(perPoint <= 100, $"{perPoint:F1} bytes per unit-day");
    }

    /// <summary>
    /// Azure's formula for an entity's billed size: 4 bytes, the keys' characters at 2 bytes each,
    /// and per property 8 bytes, its name at 2 bytes a character and its value (binary: 4 + length),
    /// the Timestamp included.
    /// </summary>
    private static long Billed(TableEntity row)
    {
        long size = 4 + 2 * (row.PartitionKey.Length + row.RowKey.Length);
        foreach (var (name, value) in row)
        {
            if (name is "PartitionKey" or "RowKey" || name.StartsWith("odata.", StringComparison.Ordinal)) continue;
            size += 8 + 2 * name.Length + value switch
            {
                byte[] b => 4 + b.Length,
                BinaryData b => 4 + b.ToArray().Length,
                string s => 4 + 2 * s.Length,
                int => 4,
                _ => 8,
            };
        }
        return size;
    }
}
