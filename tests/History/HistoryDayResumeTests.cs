using Cascade.Hosting;
using Cascade.History;
using Cascade.Storage;
using Cascade.Storage.Sqlite;
using Cascade.Tests.Support;
using Cascade.Units;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Cascade.Tests.History;

/// <summary>
/// A day's take cut off by a failure in the middle (docs/architecture.md "History"): the store
/// fails the second batch, the whole cluster stops and starts again on the same file, and the next
/// ask goes on from the stored cursor: every unit at the history depth has exactly one point, the
/// units of the first batch were not appended again, and a later ask changes nothing.
/// </summary>
public sealed class HistoryDayResumeTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateOnly Day = new(2026, 6, 16);
    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _domain = new(GrainCluster.Start);
    private readonly Appends _appends = new();
    private InProcessTestCluster _cluster = null!;

    /// <summary>Every append's unit ids, across restarts; fails the append numbered <see cref="FailAt"/> once.</summary>
    private sealed class Appends
    {
        public readonly LockedList<string[]> Calls = new();
        public int FailAt = 2;
    }

    private sealed class FailingStore(IHistoryStore inner, Appends appends) : IHistoryStore
    {
        public Task Append(IReadOnlyList<HistoryPoint> points)
        {
            appends.Calls.Add(points.Select(p => p.UnitId).ToArray());
            if (appends.Calls.Count == appends.FailAt)
            {
                appends.FailAt = -1;
                throw new IOException("the disk went away");
            }
            return inner.Append(points);
        }

        public Task<IReadOnlyList<HistoryPoint>> Read(string unitId, DateOnly from, DateOnly to) => inner.Read(unitId, from, to);
        public Task<IReadOnlyList<HistoryPoint>> ReadDay(DateOnly day, string unitId, int depth) => inner.ReadDay(day, unitId, depth);
        public Task<int> Prune(DateOnly before) => inner.Prune(before);
    }

    public Task InitializeAsync() => Start();

    private async Task Start()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddKeyedSingleton<TimeProvider>(CascadeSiloExtensions.ClockKey, _domain);
            silo.AddCascadeGrains(StorageOptions.Sqlite);
            silo.Services.Configure<SqliteStorageOptions>(o => o.Path = _folder.File("cascade.db"));
            silo.Services.Configure<HistoryOptions>(o => (o.Batch, o.Check, o.Depth) = (2, TimeSpan.FromMinutes(5), 2)); // the test asks, not the clock
            silo.Services.AddSingleton<IHistoryStore>(sp => new FailingStore(new SqliteHistoryStore(sp.GetRequiredService<SqliteDatabase>()), _appends));
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_take_cut_off_goes_on_from_its_cursor_with_one_point_per_unit()
    {
        var organization = _cluster.Client.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key);
        Assert.True((await organization.CreateUnit(new UnitDraft("r", null, "党组", UnitKind.PartyGroup), "tester")).Succeeded);
        Assert.True((await organization.CreateUnit(new UnitDraft("c", "r", "机关党委", UnitKind.OrganCommittee), "tester")).Succeeded);
        foreach (var b in new[] { "b1", "b2", "b3", "b4" })
            Assert.True((await organization.CreateUnit(new UnitDraft(b, "c", $"{b}党支部", UnitKind.Branch), "tester")).Succeeded);
        Assert.True((await organization.CreateUnit(new UnitDraft("g", "b1", "党小组", UnitKind.Branch), "tester")).Succeeded); // depth 3: none

        _domain.SetUtcNow(new DateTimeOffset(Day.ToDateTime(new TimeOnly(0, 10)), Zone.BaseUtcOffset).ToUniversalTime());
        var day = _cluster.Client.GetGrain<IHistoryDayGrain>(HistoryClock.Key(Day));
        await Assert.ThrowsAnyAsync<Exception>(() => day.Take());
        Assert.Equal([["b1", "b2"], ["b3", "b4"]], _appends.Calls.Snapshot());

        await _cluster.DisposeAsync();
        await Start();
        day = _cluster.Client.GetGrain<IHistoryDayGrain>(HistoryClock.Key(Day));
        Assert.True(await day.Take());
        Assert.True(await day.Take()); // done: nothing more
        // After the restart: from the cursor (b2) on, nothing before it again.
        Assert.Equal([["b1", "b2"], ["b3", "b4"], ["b3", "b4"], ["c", "r"]], _appends.Calls.Snapshot());

        var reader = _cluster.Client.GetGrain<IHistoryReaderGrain>(0);
        var tree = await reader.Tree(Day, "r", 5);
        Assert.NotNull(tree);
        Assert.Equal(["r", "c", "b1", "b2", "b3", "b4"], Flatten(tree!).Select(n => n.Id));
        foreach (var id in new[] { "r", "c", "b1", "b2", "b3", "b4" })
            Assert.Single(await reader.Read(id, Day.AddDays(-3), Day));
        Assert.Empty(await reader.Read("g", Day.AddDays(-3), Day));
        Assert.Equal(2, Flatten(tree!).Single(n => n.Id == "b3").Depth);
    }

    private static IEnumerable<HistoryNode> Flatten(HistoryNode node)
    {
        var level = new List<HistoryNode> { node };
        while (level.Count > 0)
        {
            foreach (var n in level) yield return n;
            level = level.SelectMany(n => n.Children).ToList();
        }
    }
}
