using Cascade.Identity;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Cascade.Audit;
using Cascade.Storage.AzureTables;
using Cascade.Storage.Sqlite;
using Cascade.Tests.Support;
using Microsoft.Extensions.Options;

namespace Cascade.Tests.Audit;

/// <summary>
/// The Azure audit store's group commit: appends of many chains that arrive together share a
/// transaction per shard, and one chain's conflict costs no other chain its entries.
/// </summary>
public sealed class AzureTableAuditBatchTests(Azurite azurite) : IClassFixture<Azurite>
{
    private readonly string _prefix = Azurite.NewPrefix();

    /// <summary>A store on this test's tables; <paramref name="interceptor"/> sees each try of every request.</summary>
    private AzureTableAuditStore Store(TimeSpan window, HttpPipelinePolicy? interceptor = null, int readAllGroup = 20_000) =>
        new(new AzureTables(Options.Create(new AzureTableOptions { ConnectionString = azurite.ConnectionString, TablePrefix = _prefix, AuditWindow = window }))
        {
            Interceptor = interceptor,
        })
        { ReadAllGroup = readAllGroup };

    private TableClient Trail => new(azurite.ConnectionString, _prefix + AzureTables.AuditTrail);

    private static List<AuditEntry> Chain(string chain, int count, int first = 0)
    {
        var head = AuditChainHead.Empty;
        var entries = new List<AuditEntry>();
        for (var i = 0; i < first + count; i++)
        {
            var entry = head.Link(new AuditDraft(null, chain, GrainCluster.Start.AddSeconds(i), "tester", AuditActions.TaskUpdate, chain, "t1",
                IdentitySnapshots.SignIn($"before {i}"), IdentitySnapshots.SignIn($"after {i}")), TestKeys.Sha256);
            if (i >= first) entries.Add(entry);
            head = AuditChainHead.Of(entry);
        }
        return entries;
    }

    /// <summary>The transactions stored since the last checkpoint pass: each leaves one row of the chains it moved.</summary>
    private async Task<int> Transactions()
    {
        var count = 0;
        await foreach (var _ in Trail.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {AuditEntities.Appended} and RowKey lt {AuditEntities.Appended + AuditEntities.End}"), select: ["RowKey"]))
            count++;
        return count;
    }

    [Fact]
    public async Task Appends_of_many_chains_at_once_share_one_transaction_per_shard()
    {
        var store = Store(TimeSpan.FromMilliseconds(300));
        var chains = Enumerable.Range(0, 64).Select(i => Chain($"g{i}", 2)).ToList();

        var stored = await Task.WhenAll(chains.Select(c => store.AppendAsync(c, redelivered: false)));

        Assert.All(stored, n => Assert.Equal(2, n));
        var shards = chains.Select(c => AuditEntities.Shard(c[0].Chain)).Distinct().Count();
        Assert.Equal(shards, await Transactions());
        var verification = await AuditVerifier.VerifyAsync(store, TestKeys.Sha256);
        Assert.True(verification.Ok, verification.Problem);
        Assert.Equal(128, verification.Entries);
        Assert.Equal(128, (await store.QueryAsync(new AuditQuery(null, null, null, 1000))).Count);

        Assert.Equal(64, await store.CheckpointAsync(GrainCluster.Start, TestKeys.Sha256));
        Assert.Equal(0, await Transactions());
        Assert.Equal(64, (await store.LatestCheckpointsAsync()).Count(c => c.Seq == 2));
        Assert.Equal(0, await store.CheckpointAsync(GrainCluster.Start, TestKeys.Sha256));
    }

    [Fact]
    public async Task A_transaction_stored_before_its_answer_was_lost_stores_each_entry_of_every_chain_in_it_once()
    {
        var losing = new LoseOneAnswer();
        var store = Store(TimeSpan.FromMilliseconds(300), losing);
        var names = Enumerable.Range(0, 200).Select(i => $"s{i}").GroupBy(AuditEntities.Shard).First(g => g.Count() >= 2).Take(2).ToArray();
        Assert.Equal(1, await store.AppendAsync(Chain(names[0], 1), redelivered: false));

        // Two chains' entries in one transaction, stored, its answer lost: the SDK sends the same
        // transaction again, which the service refuses (409), and each caller stores what is missing.
        losing.Armed = true;
        await Task.WhenAll(store.AppendAsync(Chain(names[0], 2, first: 1), redelivered: false), store.AppendAsync(Chain(names[1], 2), redelivered: false));

        Assert.Equal(2, losing.TriesSinceArmed); // the lost one and its retry: nothing was written again
        var verification = await AuditVerifier.VerifyAsync(store, TestKeys.Sha256);
        Assert.True(verification.Ok, verification.Problem);
        Assert.Equal(5, verification.Entries);
        Assert.Equal(2, await store.CheckpointAsync(GrainCluster.Start, TestKeys.Sha256));
        Assert.Equal(new Dictionary<string, long> { [names[0]] = 3, [names[1]] = 2 },
            (await store.LatestCheckpointsAsync()).ToDictionary(c => c.Chain, c => c.Seq));
        Assert.Equal([3L, 2L, 1L], (await store.QueryAsync(new AuditQuery(names[0], null, null, 10))).Select(e => e.Seq));
    }

    [Fact]
    public async Task Redeliveries_of_many_chains_of_a_shard_at_once_share_their_reads_of_the_unindexed_transactions()
    {
        var counting = new CountUnindexedReads();
        var store = Store(TimeSpan.FromMilliseconds(50), counting);
        var chains = Enumerable.Range(0, 400).Select(i => $"w{i}").Where(n => AuditEntities.Shard(n) == "0").Take(40).Select(n => Chain(n, 2)).ToList();
        await Task.WhenAll(chains.Select(c => store.AppendAsync(c, redelivered: false)));

        // Units woken together (a node's grains moving to the survivors) deliver again what their
        // states still hold: each must read what its shard stored, but not each on its own.
        counting.Reads = 0;
        var stored = await Task.WhenAll(chains.Select(c => store.AppendAsync(c, redelivered: true)));

        Assert.All(stored, n => Assert.Equal(0, n));
        Assert.InRange(counting.Reads, 1, 4);
        var verification = await AuditVerifier.VerifyAsync(store, TestKeys.Sha256);
        Assert.True(verification.Ok, verification.Problem);
        Assert.Equal(80, verification.Entries);
    }

    /// <summary>Counts the queries of a shard's unindexed transaction rows (<c>a!</c>).</summary>
    private sealed class CountUnindexedReads : HttpPipelinePolicy
    {
        private int _reads;
        public int Reads { get => _reads; set => _reads = value; }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw new NotSupportedException();

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (Uri.UnescapeDataString(message.Request.Uri.Query).Contains($"RowKey ge '{AuditEntities.Appended}'", StringComparison.Ordinal))
                Interlocked.Increment(ref _reads);
            return ProcessNextAsync(message, pipeline);
        }
    }

    /// <summary>Once armed, lets the next transaction through and then loses its answer, as a network fault would; counts the transactions sent since.</summary>
    private sealed class LoseOneAnswer : HttpPipelinePolicy
    {
        private bool _lost;
        public volatile bool Armed;
        public int TriesSinceArmed { get; private set; }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw new NotSupportedException();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            if (!message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal)) return;
            if (_lost) TriesSinceArmed++;
            else if (Armed)
            {
                (Armed, _lost, TriesSinceArmed) = (false, true, 1);
                throw new IOException("The answer was lost on the way.");
            }
        }
    }

    [Fact]
    public async Task A_checkpoint_never_moves_back_and_a_chain_read_after_it_finds_its_newest_entries()
    {
        var store = Store(TimeSpan.Zero);
        var entries = Chain("k", 5);
        await store.AppendAsync(entries[..3], redelivered: false);
        Assert.Equal(1, await store.CheckpointAsync(GrainCluster.Start, TestKeys.Sha256));
        await store.AppendAsync(entries[3..], redelivered: false);
        Assert.Equal(1, await store.CheckpointAsync(GrainCluster.Start.AddMinutes(1), TestKeys.Sha256));

        // Entry 2 lost, then delivered again: its transaction names 2 as the newest of the chain.
        await new AzureTableTrail(azurite.ConnectionString, _prefix).Delete("k", 2, 2);
        Assert.Equal(1, await store.AppendAsync(entries[..3], redelivered: true));
        Assert.Equal(0, await store.CheckpointAsync(GrainCluster.Start.AddMinutes(2), TestKeys.Sha256));
        Assert.Equal(5, (await store.LatestCheckpointsAsync()).Single().Seq);
        Assert.Equal(0, await Transactions());

        await store.AppendAsync(Chain("k", 1, first: 5), redelivered: false);
        var newest = await store.QueryAsync(new AuditQuery("k", null, null, 2));
        Assert.Equal([6L, 5L], newest.Select(e => e.Seq));
        Assert.True((await AuditVerifier.VerifyAsync(store, TestKeys.Sha256)).Ok);
    }

    [Fact]
    public async Task Queries_by_time_and_the_whole_trail_read_answer_what_the_sqlite_store_answers_for_the_same_trail()
    {
        using var folder = new TempDirectory();
        using var database = new SqliteDatabase(Options.Create(new SqliteStorageOptions { Path = folder.File("audit.db") }));
        var sqlite = new SqliteAuditStore(database);
        var azure = Store(TimeSpan.FromMilliseconds(50), readAllGroup: 7);
        var random = new Random(7);
        var start = GrainCluster.Start;
        // 12 chains, 400 entries over about 20 minutes, some at the same millisecond, delivered in
        // random slices, some of them twice (redelivered), chains interleaved.
        var chains = Enumerable.Range(0, 12).Select(i => (Name: $"q{i}", Pending: new List<AuditEntry>())).ToArray();
        foreach (var (i, c, entry) in SqliteReads.Interleaved(random, start, chains.Select(x => x.Name).ToList(), 400))
        {
            chains[c].Pending.Add(entry);
            if (i == 200) await azure.CheckpointAsync(start, TestKeys.Sha256); // half the trail indexed, half not
            if (random.Next(5) == 0 || i == 399)
                await Task.WhenAll(chains.Where(x => x.Pending.Count > 0).Select(async x =>
                {
                    var slice = x.Pending.ToList();
                    x.Pending.Clear();
                    await sqlite.AppendAsync(slice, redelivered: false);
                    await azure.AppendAsync(slice, redelivered: false);
                    if (random.Next(4) == 0) Assert.Equal(0, await azure.AppendAsync(slice, redelivered: true));
                }));
        }
        Assert.Equal(400, (await AuditVerifier.VerifyAsync(azure, TestKeys.Sha256)).Entries);
        // The whole trail, read in groups of chains of about 7 entries: SQLite's order exactly; then random queries.
        await SqliteReads.AssertSameAs(sqlite, azure, "Azure", chains.Select(c => c.Name).ToList(), random, start, queries: 40, unitOneIn: 4);
    }
}
