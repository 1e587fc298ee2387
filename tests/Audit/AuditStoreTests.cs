using Cascade.Identity;
using Cascade.Audit;
using Cascade.Storage.AzureTables;
using Cascade.Storage.Postgres;
using Cascade.Storage.Sqlite;
using Cascade.Tests.Support;
using Microsoft.Extensions.Options;

namespace Cascade.Tests.Audit;

/// <summary>An audit store on its own: redelivery, checkpoints, the verifier over what it holds. Every store must pass.</summary>
public abstract class AuditStoreTests(IAuditStore store, StoredTrail trail)
{
    private readonly IAuditStore _store = store;

    private static List<AuditEntry> Chain(string chain, int count)
    {
        var head = AuditChainHead.Empty;
        var entries = new List<AuditEntry>();
        for (var i = 0; i < count; i++)
        {
            var entry = head.Link(new AuditDraft(null, chain, GrainCluster.Start.AddSeconds(i), "tester", AuditActions.TaskUpdate, chain, "t1",
                IdentitySnapshots.SignIn($"before {i}"), IdentitySnapshots.SignIn($"after {i}")), TestKeys.Sha256);
            entries.Add(entry);
            head = AuditChainHead.Of(entry);
        }
        return entries;
    }

    [Fact]
    public async Task A_redelivery_appends_only_what_the_store_does_not_hold()
    {
        var entries = Chain("u1", 5);
        Assert.Equal(3, await _store.AppendAsync(entries[..3], redelivered: false));
        Assert.Equal(2, await _store.AppendAsync(entries, redelivered: true));
        Assert.Equal(0, await _store.AppendAsync(entries, redelivered: true));
        var verification = await AuditVerifier.VerifyAsync(_store, TestKeys.Sha256);
        Assert.True(verification.Ok, verification.Problem);
        Assert.Equal(5, verification.Entries);
    }

    [Fact]
    public async Task A_checkpoint_covers_every_chain_that_grew_since_the_last_and_only_those()
    {
        await _store.AppendAsync(Chain("a", 3), false);
        await _store.AppendAsync(Chain("b", 2), false);
        Assert.Equal(2, await _store.CheckpointAsync(GrainCluster.Start, TestKeys.Sha256));
        Assert.Equal(0, await _store.CheckpointAsync(GrainCluster.Start, TestKeys.Sha256));
        await _store.AppendAsync(Chain("c", 1), false);
        Assert.Equal(1, await _store.CheckpointAsync(GrainCluster.Start, TestKeys.Sha256));
        var latest = (await _store.LatestCheckpointsAsync()).ToDictionary(c => c.Chain, c => c.Seq);
        Assert.Equal(new Dictionary<string, long> { ["a"] = 3, ["b"] = 2, ["c"] = 1 }, latest);
    }

    [Fact]
    public async Task A_chain_deleted_whole_is_found_through_its_checkpoint()
    {
        await _store.AppendAsync(Chain("a", 2), false);
        await _store.AppendAsync(Chain("b", 2), false);
        await _store.CheckpointAsync(GrainCluster.Start, TestKeys.Sha256);
        await trail.Delete("b");
        var verification = await AuditVerifier.VerifyAsync(_store, TestKeys.Sha256);
        Assert.False(verification.Ok);
        Assert.Equal("b", verification.Chain);
        Assert.Equal(1, verification.FirstBadSeq);
    }

    [Fact]
    public async Task Queries_answer_newest_first_by_unit_and_between_two_times()
    {
        await _store.AppendAsync(Chain("a", 130), false);
        await _store.AppendAsync(Chain("b", 3), false);
        var all = await _store.QueryAsync(new AuditQuery(null, null, null, 5));
        Assert.Equal(["a130", "a129", "a128", "a127", "a126"], all.Select(e => $"{e.Chain}{e.Seq}"));
        var tied = await _store.QueryAsync(new AuditQuery(null, null, GrainCluster.Start.AddSeconds(2), 3));
        Assert.Equal(["b3", "a3", "b2"], tied.Select(e => $"{e.Chain}{e.Seq}"));
        var unit = await _store.QueryAsync(new AuditQuery("a", null, null, 120));
        Assert.Equal(Enumerable.Range(11, 120).Reverse().Select(s => (long)s), unit.Select(e => e.Seq));
        var between = await _store.QueryAsync(new AuditQuery(null, GrainCluster.Start.AddSeconds(1), GrainCluster.Start.AddSeconds(2), 100));
        Assert.Equal(["b3", "a3", "b2", "a2"], between.Select(e => $"{e.Chain}{e.Seq}"));
        var unitBetween = await _store.QueryAsync(new AuditQuery("a", GrainCluster.Start.AddSeconds(1), GrainCluster.Start.AddHours(1), 2));
        Assert.Equal([129L, 130L], unitBetween.Select(e => e.Seq).Order());
        var unitLongAgo = await _store.QueryAsync(new AuditQuery("a", null, GrainCluster.Start.AddSeconds(5), 3));
        Assert.Equal([6L, 5L, 4L], unitLongAgo.Select(e => e.Seq));
    }
}

public sealed class SqliteAuditStoreTests : AuditStoreTests, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly TempDirectory _folder;

    public SqliteAuditStoreTests() : this(new TempDirectory()) { }

    private SqliteAuditStoreTests(TempDirectory folder) : this(folder, new SqliteDatabase(Options.Create(new SqliteStorageOptions { Path = folder.File("audit.db") }))) { }

    private SqliteAuditStoreTests(TempDirectory folder, SqliteDatabase database)
        : base(new SqliteAuditStore(database), new SqliteTrail(folder.File("audit.db"))) => (_folder, _database) = (folder, database);

    public void Dispose()
    {
        _database.Dispose();
        _folder.Dispose();
    }
}

/// <summary>On Azurite, each test under tables of its own.</summary>
public sealed class AzureTableAuditStoreTests(Azurite azurite) : AuditStoreTests(Store(azurite, out var prefix), new AzureTableTrail(azurite.ConnectionString, prefix)), IClassFixture<Azurite>
{
    private static AzureTableAuditStore Store(Azurite azurite, out string prefix)
    {
        prefix = Azurite.NewPrefix();
        return new AzureTableAuditStore(new AzureTables(Options.Create(new AzureTableOptions { ConnectionString = azurite.ConnectionString, TablePrefix = prefix })));
    }
}

/// <summary>On the tests' PostgreSQL server, each test in a database of its own.</summary>
public sealed class PostgresAuditStoreTests : AuditStoreTests, IDisposable
{
    private readonly PostgresDatabase _database;
    private readonly PostgresAuditStore _store;

    public PostgresAuditStoreTests() : this(Support.Postgres.NewDatabase()) { }

    private PostgresAuditStoreTests(PostgresDatabase database) : this(database, new PostgresAuditStore(database)) { }

    private PostgresAuditStoreTests(PostgresDatabase database, PostgresAuditStore store)
        : base(store, new PostgresTrail(database)) => (_database, _store) = (database, store);

    public void Dispose()
    {
        _store.Dispose();
        _database.Dispose();
    }
}
