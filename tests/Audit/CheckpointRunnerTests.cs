using System.Collections.Concurrent;
using Cascade.Audit;
using Cascade.Storage.Sqlite;
using Cascade.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Tests.Audit;

/// <summary>
/// The periodic checkpoint pass runs on one node of a cluster, the oldest: every node running it
/// did the same reads and writes once per node (bench <c>cluster</c>: half the checkpoint requests).
/// </summary>
public sealed class CheckpointRunnerTests
{
    /// <summary>A grain cluster whose silos checkpoint every 100 ms and count their passes, each silo under its own key.</summary>
    private sealed class Counted : GrainCluster
    {
        public ConcurrentDictionary<Guid, int> Passes { get; } = new();

        protected override void ConfigureStorage(IServiceCollection services)
        {
            services.Configure<AuditOptions>(o => o.CheckpointEvery = TimeSpan.FromMilliseconds(100));
            services.AddSingleton<IAuditStore>(sp => new Counting(ActivatorUtilities.CreateInstance<SqliteAuditStore>(sp), Passes));
        }
    }

    private sealed class Counting(IAuditStore store, ConcurrentDictionary<Guid, int> passes) : IAuditStore
    {
        private readonly Guid _silo = Guid.NewGuid();
        public Task<AuditEntry?> GetHeadAsync(string chain) => store.GetHeadAsync(chain);
        public Task<IReadOnlySet<string>> FindRefsAsync(string chain, IReadOnlyCollection<string> refs) => store.FindRefsAsync(chain, refs);
        public Task<int> AppendAsync(IReadOnlyList<AuditEntry> entries, bool redelivered) => store.AppendAsync(entries, redelivered);
        public Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query) => store.QueryAsync(query);
        public IAsyncEnumerable<AuditEntry> ReadAllAsync() => store.ReadAllAsync();
        public Task<IReadOnlyList<AuditCheckpoint>> LatestCheckpointsAsync() => store.LatestCheckpointsAsync();

        public Task SealAsync(IReadOnlyList<AuditCheckpoint> seals) => store.SealAsync(seals);
        public IAsyncEnumerable<AuditCheckpoint> ReadCheckpointsAsync() => store.ReadCheckpointsAsync();

        public Task<int> CheckpointAsync(DateTimeOffset at, AuditKey key)
        {
            passes.AddOrUpdate(_silo, 1, (_, n) => n + 1);
            return store.CheckpointAsync(at, key);
        }
    }

    [Fact]
    public async Task Of_two_nodes_only_the_oldest_runs_the_periodic_pass()
    {
        await using var cluster = new Counted();
        await cluster.InitializeAsync();
        await Eventually.True(() => Task.FromResult(cluster.Passes.Values.Sum() >= 3), "the first node checkpoints");
        var first = Assert.Single(cluster.Passes.Keys);

        await cluster.AddSiloAsync();
        await Task.Delay(TimeSpan.FromSeconds(3)); // the second node has heard of the first by now
        var before = new Dictionary<Guid, int>(cluster.Passes);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.True(cluster.Passes[first] > before[first] + 5, "the oldest node goes on checkpointing");
        foreach (var (silo, passes) in cluster.Passes.Where(p => p.Key != first))
            Assert.Equal(before.GetValueOrDefault(silo), passes); // the newer node runs none
    }
}
