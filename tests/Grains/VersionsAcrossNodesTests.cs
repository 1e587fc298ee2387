using Cascade.Hosting;
using Cascade.Storage;
using Cascade.Storage.Sqlite;
using Cascade.Tasks;
using Cascade.Tests.Support;
using Cascade.Time;
using Cascade.Units;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Cascade.Tests.Grains;

/// <summary>
/// Versions across nodes (docs/decisions/009): two nodes whose clocks differ by a minute. A unit hands out versions on the
/// node whose clock is ahead, by writes and by the clock pass alone (no write), then that node
/// dies and the unit comes back on the node whose clock is behind: every version seen, before and
/// after, is above the one before it.
/// </summary>
public sealed class VersionsAcrossNodesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _domain = new(GrainCluster.Start);
    /// <summary>Each node's own clock for versions, by silo name.</summary>
    private readonly Dictionary<string, FakeTimeProvider> _clocks = [];
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((options, silo) =>
        {
            var clock = new FakeTimeProvider(Now);
            lock (_clocks) _clocks[options.SiloName] = clock;
            silo.Services.AddSingleton(new VersionClock(clock));
            silo.Services.AddKeyedSingleton<TimeProvider>(CascadeSiloExtensions.ClockKey, _domain);
            silo.AddCascadeGrains(StorageOptions.Sqlite);
            silo.Services.Configure<SqliteStorageOptions>(o => o.Path = _folder.File("cascade.db"));
            silo.Services.Configure<ClockOptions>(o => o.ClockInterval = TimeSpan.FromMilliseconds(50));
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _folder.Dispose();
    }

    private IUnitGrain Unit(string id) => _cluster.Client.GetGrain<IUnitGrain>(id);

    private InProcessSiloHandle Host(string unitId) =>
        _cluster.Silos.Single(s => s.ServiceProvider.GetRequiredService<LocalUnits>().Snapshot().Contains(unitId));

    [Fact]
    public async Task Versions_keep_growing_when_a_unit_moves_from_a_node_whose_clock_is_ahead_to_one_whose_clock_is_behind()
    {
        var organization = _cluster.Client.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key);
        Assert.True((await organization.CreateUnit(new UnitDraft("v", null, "v", UnitKind.PartyGroup), "tester")).Succeeded);
        var unit = Unit("v");
        Assert.True((await unit.CreateTask(TreeFixture.Draft("a"), null)).Succeeded);

        var fast = Host("v");
        var slow = _cluster.Silos.Single(s => s != fast);
        _clocks[fast.Name].Advance(TimeSpan.FromMinutes(1));
        var seen = new List<long> { (await unit.GetSummary())!.Version };

        // On the node ahead: versions from writes, then from the clock pass alone.
        for (var progress = 10; progress <= 30; progress += 10)
        {
            _clocks[fast.Name].Advance(TimeSpan.FromSeconds(1));
            Assert.True((await unit.PatchTask("a", new TaskPatch { Progress = progress }, null, null)).Succeeded);
            seen.Add((await unit.GetSummary())!.Version);
        }
        for (var pass = 0; pass < 2; pass++)
        {
            _clocks[fast.Name].Advance(TimeSpan.FromSeconds(1));
            _domain.Advance(TimeSpan.FromHours(6)); // the expected progress grows: the next clock pass moves the summary
            await NextVersion(unit, seen);
        }

        // The node ahead dies; the unit comes back on the node behind, its clock a minute earlier.
        await _cluster.KillSiloAsync(fast);
        await NextVersion(unit, seen, moved: true);
        Assert.Same(slow, Host("v"));

        Assert.True((await unit.PatchTask("a", new TaskPatch { Progress = 50 }, null, null)).Succeeded);
        seen.Add((await unit.GetSummary())!.Version);
        _domain.Advance(TimeSpan.FromHours(6));
        await NextVersion(unit, seen);

        for (var i = 1; i < seen.Count; i++)
            Assert.True(seen[i] > seen[i - 1], $"version {i} ({seen[i]}) is above version {i - 1} ({seen[i - 1]}); all: {string.Join(", ", seen)}");
    }

    /// <summary>Waits until the unit answers with a version other than the last seen, and records it.</summary>
    private static async Task NextVersion(IUnitGrain unit, List<long> seen, bool moved = false)
    {
        long version = 0;
        await Eventually.True(async () =>
        {
            try
            {
                version = (await unit.GetSummary())!.Version;
            }
            catch (Exception) when (moved)
            {
                return false; // calls fail until the dead node is declared dead
            }
            return version != seen[^1];
        }, moved ? "the unit answers on the surviving node" : "the clock pass hands out a new version", TimeSpan.FromSeconds(60));
        seen.Add(version);
    }
}
