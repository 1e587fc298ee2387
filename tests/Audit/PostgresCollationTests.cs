using Cascade.Identity;
using Cascade.Audit;
using Cascade.Storage.Postgres;
using Cascade.Tests.Support;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cascade.Tests.Audit;

/// <summary>
/// A database made with a language's collation (ICU en-US, where "_x" &lt; "a" &lt; "B"): the
/// PostgreSQL audit store still answers chains in ordinal order ("B" &lt; "_x" &lt; "a"), as the
/// verifier and every other store read them.
/// </summary>
public sealed class PostgresCollationTests : IDisposable
{
    private static readonly string[] Ordinal = ["B", "_x", "a"];
    private readonly PostgresDatabase _database;
    private readonly PostgresAuditStore _store;

    public PostgresCollationTests()
    {
        var name = "icu" + Guid.NewGuid().ToString("N")[..12];
        using (var server = new NpgsqlConnection(Support.Postgres.Server.ConnectionString()))
        {
            server.Open();
            using var create = new NpgsqlCommand(
                $"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C' LOCALE_PROVIDER icu ICU_LOCALE 'en-US';", server);
            create.ExecuteNonQuery();
        }
        _database = new PostgresDatabase(Options.Create(new PostgresOptions { ConnectionString = Support.Postgres.Server.ConnectionString(name), AuditWindow = TimeSpan.Zero }));
        using (var connection = _database.Source.OpenConnection()) PostgresSchema.ApplyAsync(connection).GetAwaiter().GetResult();
        _store = new PostgresAuditStore(_database);
    }

    public void Dispose()
    {
        _store.Dispose();
        _database.Dispose();
    }

    private static AuditEntry Entry(string chain) =>
        AuditChainHead.Empty.Link(new AuditDraft(null, chain, GrainCluster.Start, "tester", AuditActions.TaskUpdate, chain, "t1",
            null, IdentitySnapshots.SignIn("after")), TestKeys.Sha256);

    [Fact]
    public async Task Chains_come_in_ordinal_order_whatever_the_database_collation()
    {
        await using (var connection = await _database.OpenAsync())
        await using (var sorted = new NpgsqlCommand("SELECT array_agg(c ORDER BY c) FROM unnest(ARRAY['a', 'B', '_x']) c;", connection))
            Assert.Equal(["_x", "a", "B"], (string[])(await sorted.ExecuteScalarAsync())!); // the database's own order is not ordinal
        foreach (var chain in new[] { "a", "_x", "B" }) await _store.AppendAsync([Entry(chain)], redelivered: false);
        await _store.CheckpointAsync(GrainCluster.Start, TestKeys.Sha256);

        var all = new List<string>();
        await foreach (var entry in _store.ReadAllAsync()) all.Add(entry.Chain);
        var checkpoints = new List<string>();
        await foreach (var checkpoint in _store.ReadCheckpointsAsync()) checkpoints.Add(checkpoint.Chain);

        Assert.Equal(Ordinal, all);
        Assert.Equal(Ordinal, checkpoints);
        Assert.Equal(Ordinal.Reverse(), (await _store.QueryAsync(new AuditQuery(null, null, null, 10))).Select(e => e.Chain)); // a tie in time: chain descending
        var verification = await AuditVerifier.VerifyAsync(_store, TestKeys.Sha256);
        Assert.True(verification.Ok, verification.Problem);
        Assert.Equal(3, verification.Entries);
    }
}
