using Cascade.Audit;
using Cascade.Storage.Postgres;
using Cascade.Storage.Sqlite;
using Cascade.Tests.Support;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cascade.Tests.Audit;

/// <summary>
/// The PostgreSQL trail's bundles: reads by chain, by time and of the whole trail, a page or a
/// group at a time, answer what the SQLite store (a row per entry) answers for the same trail;
/// and a database whose trail is in the layout before bundles is refused, not read as empty.
/// </summary>
public sealed class PostgresAuditBundleTests
{
    [Fact]
    public async Task Queries_by_unit_and_by_time_and_the_whole_trail_read_answer_what_the_sqlite_store_answers()
    {
        using var folder = new TempDirectory();
        using var sqliteDatabase = new SqliteDatabase(Options.Create(new SqliteStorageOptions { Path = folder.File("audit.db") }));
        var sqlite = new SqliteAuditStore(sqliteDatabase);
        using var database = Support.Postgres.NewDatabase(o => o.AuditWindow = TimeSpan.FromMilliseconds(30));
        using var postgres = new PostgresAuditStore(database) { QueryPage = 5, ReadAllGroup = 7 };
        var random = new Random(11);
        var start = GrainCluster.Start;
        // 12 chains, 400 entries over about 20 minutes, some at the same millisecond, delivered in
        // random slices (a bundle per delivery), some twice (redelivered), some late (with the
        // next delivery, so a bundle holds older entries beside newer ones), chains interleaved;
        // checkpoints now and then, as the pass runs beside appends.
        var chains = Enumerable.Range(0, 12).Select(i => (Name: $"q{i}", Pending: new List<AuditEntry>(), Late: new List<AuditEntry>())).ToArray();
        foreach (var (i, c, entry) in SqliteReads.Interleaved(random, start, chains.Select(x => x.Name).ToList(), 400))
        {
            chains[c].Pending.Add(entry);
            if (i % 100 == 50) Assert.True(await postgres.CheckpointAsync(start, TestKeys.Sha256) > 0);
            if (random.Next(5) == 0 || i == 399)
                await Task.WhenAll(chains.Where(x => x.Pending.Count > 0 || x.Late.Count > 0).Select(async x =>
                {
                    var slice = x.Pending.ToList();
                    x.Pending.Clear();
                    await sqlite.AppendAsync(slice, redelivered: false);
                    if (x.Late.Count > 0) Assert.Equal(x.Late.Count, await postgres.AppendAsync([.. x.Late], redelivered: true));
                    x.Late.Clear();
                    if (i < 399 && random.Next(4) == 0) x.Late.AddRange(slice);
                    else
                    {
                        await postgres.AppendAsync(slice, redelivered: false);
                        if (random.Next(4) == 0) Assert.Equal(0, await postgres.AppendAsync(slice, redelivered: true));
                    }
                }));
        }
        await using (var connection = await database.OpenAsync())
        await using (var bundles = new NpgsqlCommand("SELECT count(*) FROM audit_bundle;", connection))
            Assert.InRange((long)(await bundles.ExecuteScalarAsync())!, 40, 400); // many pages of 5
        Assert.Equal(400, (await AuditVerifier.VerifyAsync(postgres, TestKeys.Sha256)).Entries);
        // The whole trail, read in groups of chains of about 7 entries: SQLite's order exactly; then random queries.
        await SqliteReads.AssertSameAs(sqlite, postgres, "PostgreSQL", chains.Select(c => c.Name).ToList(), random, start, queries: 60, unitOneIn: 3);
    }

    [Fact]
    public async Task A_trail_stored_a_row_per_entry_stops_the_schema_step_that_brings_bundles()
    {
        var connectionString = Support.Postgres.NewConnectionString();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var (name, sql) in PostgresSchema.Steps.Where(s => string.CompareOrdinal(s.Name, "007") < 0))
        {
            await using var step = new NpgsqlCommand(sql, connection);
            await step.ExecuteNonQueryAsync();
            await using var record = new NpgsqlCommand($"CREATE TABLE IF NOT EXISTS {PostgresSchema.VersionTable} (step text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now()); INSERT INTO {PostgresSchema.VersionTable}(step) VALUES ('{name}');", connection);
            await record.ExecuteNonQueryAsync();
        }
        await using (var entry = new NpgsqlCommand(
            "INSERT INTO audit (chain, seq, at, actor, action, prev_hash, hash) VALUES ('u1', 1, '2026-01-01T00:00:00.000Z', 'admin', 'task.create', '', 'h');", connection))
            await entry.ExecuteNonQueryAsync();

        var refused = await Assert.ThrowsAsync<PostgresException>(() => PostgresSchema.ApplyAsync(connection));

        Assert.Contains("layout before bundles", refused.MessageText);
        Assert.Contains("new database", refused.MessageText);
        Assert.Contains("007-audit-bundles", await PostgresSchema.PendingAsync(connection));
        await using var kept = new NpgsqlCommand("SELECT count(*) FROM audit;", connection);
        Assert.Equal(1L, await kept.ExecuteScalarAsync()); // the old trail is left as it was
    }
}
