using Cascade.Identity;
using Cascade.Audit;
using Cascade.Storage;
using Cascade.Storage.Postgres;
using Cascade.Tests.Support;
using Npgsql;

namespace Cascade.Tests.Audit;

/// <summary>
/// The PostgreSQL audit store's group commit: appends of many chains that arrive together share
/// one transaction, a redelivery among them stores only what is missing, one append the database
/// refuses costs no other its entries, and a checkpoint pass misses no row another node commits late.
/// </summary>
public sealed class PostgresAuditBatchTests : IDisposable
{
    private readonly PostgresDatabase _database;
    private readonly PostgresAuditStore _store;

    public PostgresAuditBatchTests()
    {
        _database = Support.Postgres.NewDatabase(o => o.AuditWindow = TimeSpan.FromMilliseconds(300));
        _store = new PostgresAuditStore(_database);
    }

    public void Dispose()
    {
        _store.Dispose();
        _database.Dispose();
    }

    private static List<AuditEntry> Chain(string chain, int count, int first = 0, string actor = "tester")
    {
        var head = AuditChainHead.Empty;
        var entries = new List<AuditEntry>();
        for (var i = 0; i < first + count; i++)
        {
            var entry = head.Link(new AuditDraft(null, chain, GrainCluster.Start.AddSeconds(i), actor, AuditActions.TaskUpdate, chain, "t1",
                IdentitySnapshots.SignIn($"before {i}"), IdentitySnapshots.SignIn($"after {i}")), TestKeys.Sha256);
            if (i >= first) entries.Add(entry);
            head = AuditChainHead.Of(entry);
        }
        return entries;
    }

    /// <summary>The transactions that wrote the trail's rows, as the database recorded them: rows of one transaction share its xmin.</summary>
    private async Task<long> Transactions(string? chain = null)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(DISTINCT xmin::text) FROM audit_run WHERE $1::text IS NULL OR chain = $1;", connection);
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = chain });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task AssertVerifies(int entries)
    {
        var verification = await AuditVerifier.VerifyAsync(_store, TestKeys.Sha256);
        Assert.True(verification.Ok, verification.Problem);
        Assert.Equal(entries, verification.Entries);
    }

    [Fact]
    public async Task Appends_of_many_chains_at_once_share_one_transaction()
    {
        var chains = Enumerable.Range(0, 64).Select(i => Chain($"g{i}", 2)).ToList();

        var stored = await Task.WhenAll(chains.Select(c => _store.AppendAsync(c, redelivered: false)));

        Assert.All(stored, n => Assert.Equal(2, n));
        Assert.Equal(1, _store.Transactions);
        Assert.Equal(1, await Transactions());
        await AssertVerifies(128);
        Assert.Equal(128, (await _store.QueryAsync(new AuditQuery(null, null, null, 1000))).Count);
        Assert.Equal(64, await _store.CheckpointAsync(GrainCluster.Start, TestKeys.Sha256));
        Assert.Equal(64, (await _store.LatestCheckpointsAsync()).Count(c => c.Seq == 2));
        Assert.Equal(0, await _store.CheckpointAsync(GrainCluster.Start, TestKeys.Sha256));
    }

    [Fact]
    public async Task A_large_batch_closes_before_the_window_and_no_append_is_split()
    {
        var size = PostgresAuditStore.MaxBatchEntries * 3 / 5;
        var chains = new[] { "x", "y", "z" }.Select(c => Chain(c, size)).ToList();

        var stored = await Task.WhenAll(chains.Select(c => _store.AppendAsync(c, redelivered: false)));

        Assert.All(stored, n => Assert.Equal(size, n));
        Assert.Equal(2, _store.Transactions); // x and y fill one, z goes in the next
        Assert.Equal(2, await Transactions());
        foreach (var chain in new[] { "x", "y", "z" }) Assert.Equal(1, await Transactions(chain));
        await AssertVerifies(3 * size);
    }

    [Fact]
    public async Task A_redelivery_shares_the_transaction_and_skips_what_is_stored_or_appended_before_it()
    {
        var r = Chain("r", 5);
        Assert.Equal(3, await _store.AppendAsync(r[..3], redelivered: false));
        var q = Chain("q", 3);

        var stored = await Task.WhenAll(
            _store.AppendAsync(Chain("p", 4), redelivered: false),
            _store.AppendAsync(r, redelivered: true),
            _store.AppendAsync(q[..2], redelivered: false),
            _store.AppendAsync(q, redelivered: true),
            _store.AppendAsync(q, redelivered: true));

        Assert.Equal([4, 2, 2, 1, 0], stored);
        Assert.Equal(2, _store.Transactions);
        await AssertVerifies(4 + 5 + 3);
    }

    [Fact]
    public async Task An_append_the_database_refuses_fails_alone()
    {
        var good = Enumerable.Range(0, 5).Select(i => Chain($"ok{i}", 2)).ToList();
        var refused = Chain("bad\0chain", 1); // PostgreSQL's text holds no NUL (the chain is a column of the runs)

        var appends = good.Select(c => _store.AppendAsync(c, redelivered: false)).Append(_store.AppendAsync(refused, redelivered: false)).ToList();

        await Assert.ThrowsAsync<PostgresException>(() => appends[^1]);
        Assert.All(await Task.WhenAll(appends[..^1]), n => Assert.Equal(2, n));
        await AssertVerifies(10);
    }

    [Fact]
    public async Task A_checkpoint_misses_no_row_another_node_commits_after_a_later_one()
    {
        await using var otherNode = await _database.OpenAsync();
        await using var slow = await otherNode.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({PostgresAuditStore.AppendLock});", otherNode, slow))
            await command.ExecuteNonQueryAsync();
        var late = Chain("late", 1)[0];
        await using (var insert = new NpgsqlCommand("""
            WITH b AS (INSERT INTO audit_bundle (newest, oldest, entries) VALUES ($1, $1, $2) RETURNING id)
            INSERT INTO audit_run (chain, high, low, hash, bundle) SELECT $3, $4, $4, $5, id FROM b;
            """, otherNode, slow))
        {
            foreach (var value in new object[] { late.At, AuditBundles.Pack([late]).ToArray(), late.Chain, late.Seq, late.Hash })
                insert.Parameters.Add(new NpgsqlParameter { Value = value });
            await insert.ExecuteNonQueryAsync();
        }

        var early = _store.AppendAsync(Chain("early", 1), redelivered: false);
        await Eventually.True(async () => await WaitingForTheLock(), "the store's transaction waits for the other node's");
        Assert.False(early.IsCompleted);
        Assert.Equal(0, await _store.CheckpointAsync(GrainCluster.Start, TestKeys.Sha256));

        await slow.CommitAsync();
        Assert.Equal(1, await early);
        Assert.Equal(2, await _store.CheckpointAsync(GrainCluster.Start, TestKeys.Sha256));
        Assert.Equal(["early", "late"], (await _store.LatestCheckpointsAsync()).Select(c => c.Chain).Order(StringComparer.Ordinal));
    }

    private async Task<bool> WaitingForTheLock()
    {
        await using var connection = await _database.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database());", connection);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
