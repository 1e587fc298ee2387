using Cascade.Audit;
using Microsoft.Data.Sqlite;

namespace Cascade.Storage.Sqlite;

/// <summary>The audit trail in the embedded database, written through its one group-commit writer.</summary>
public sealed class SqliteAuditStore(SqliteDatabase database) : IAuditStore
{
    private const string Columns = "chain, seq, at, actor, action, unit_id, task_id, before, after, prev_hash, hash, ref";

    public async Task<AuditEntry?> GetHeadAsync(string chain)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM audit WHERE chain = $chain AND ref IS NOT NULL ORDER BY seq DESC LIMIT 1;";
        command.Bind("$chain", chain);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader) : null;
    }

    public async Task<IReadOnlySet<string>> FindRefsAsync(string chain, IReadOnlyCollection<string> refs)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = await database.OpenAsync();
        foreach (var reference in refs)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1 FROM audit WHERE ref = $ref AND chain = $chain;";
            command.Bind("$ref", reference);
            command.Bind("$chain", chain);
            if (await command.ExecuteScalarAsync() is not null) found.Add(reference);
        }
        return found;
    }

    public async Task<int> AppendAsync(IReadOnlyList<AuditEntry> entries, bool redelivered)
    {
        if (entries.Count == 0) return 0;
        var write = new AuditWrite(entries, redelivered);
        await database.Writer.Enqueue(write);
        return write.Inserted;
    }

    /// <summary>
    /// The audit table is appended in rowid order, so the chains that grew since the last
    /// checkpoint are those of the rows past its watermark. The heads are read on a reader
    /// connection; the writer then stores them and the new watermark in one transaction.
    /// </summary>
    public async Task<int> CheckpointAsync(DateTimeOffset at, AuditKey key)
    {
        var heads = new List<AuditCheckpoint>();
        long upTo;
        await using (var connection = await database.OpenAsync())
        await using (var transaction = connection.BeginTransaction()) // one snapshot for both reads
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT IFNULL((SELECT last_rowid FROM audit_watermark WHERE id = 1), 0), IFNULL((SELECT MAX(rowid) FROM audit), 0);";
            long since;
            await using (var reader = await command.ExecuteReaderAsync())
            {
                await reader.ReadAsync();
                (since, upTo) = (reader.GetInt64(0), reader.GetInt64(1));
            }
            if (upTo <= since) return 0;
            command.CommandText = """
                SELECT a.chain, a.seq, a.hash FROM audit a
                JOIN (SELECT chain, MAX(seq) AS seq FROM audit WHERE rowid > $since AND rowid <= $upTo GROUP BY chain) m
                  ON a.chain = m.chain AND a.seq = m.seq;
                """;
            command.Bind("$since", since);
            command.Bind("$upTo", upTo);
            var time = AuditEntry.FormatTime(at);
            await using var rows = await command.ExecuteReaderAsync();
            while (await rows.ReadAsync()) heads.Add(key.Sign(new AuditCheckpoint(rows.GetString(0), rows.GetInt64(1), rows.GetString(2), time)));
        }
        await database.Writer.Enqueue(new CheckpointWrite(heads, upTo, seal: false));
        return heads.Count;
    }

    public async Task SealAsync(IReadOnlyList<AuditCheckpoint> seals) => await database.Writer.Enqueue(new CheckpointWrite(seals, null, seal: true));

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        var where = new List<string>();
        // A unit's entries are its chain (named by the unit's id).
        if (query.UnitId is { } unit) { where.Add("chain = $unit AND unit_id = $unit"); command.Bind("$unit", unit); }
        if (query.From is { } from) { where.Add("at >= $from"); command.Bind("$from", AuditEntry.FormatTime(from)); }
        if (query.To is { } to) { where.Add("at <= $to"); command.Bind("$to", AuditEntry.FormatTime(to)); }
        command.CommandText = $"SELECT {Columns} FROM audit {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} " +
                              "ORDER BY at DESC, chain DESC, seq DESC LIMIT $limit;";
        command.Bind("$limit", query.Limit);
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) entries.Add(Read(reader));
        return entries;
    }

    public async IAsyncEnumerable<AuditEntry> ReadAllAsync()
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM audit ORDER BY chain, seq;";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) yield return Read(reader);
    }

    public async Task<IReadOnlyList<AuditCheckpoint>> LatestCheckpointsAsync()
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {CheckpointColumns} FROM audit_checkpoint c WHERE seq = (SELECT MAX(seq) FROM audit_checkpoint WHERE chain = c.chain);";
        var checkpoints = new List<AuditCheckpoint>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) checkpoints.Add(ReadCheckpoint(reader));
        return checkpoints;
    }

    /// <summary>In the table's key order: streamed, never held.</summary>
    public async IAsyncEnumerable<AuditCheckpoint> ReadCheckpointsAsync()
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {CheckpointColumns} FROM audit_checkpoint ORDER BY chain, seq;";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) yield return ReadCheckpoint(reader);
    }

    private const string CheckpointColumns = "chain, seq, hash, at, scheme, mac, key_id, signature";

    private static AuditCheckpoint ReadCheckpoint(SqliteDataReader r) => new(
        r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), Text(r, 4), Text(r, 5), Text(r, 6), Text(r, 7));

    private static AuditEntry Read(SqliteDataReader r) => new(
        r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4),
        Text(r, 5), Text(r, 6), Text(r, 7), Text(r, 8), r.GetString(9), r.GetString(10), Text(r, 11));

    private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static object Value(string? text) => (object?)text ?? DBNull.Value;

    /// <summary>
    /// A chain's new entries. A redelivery skips the entries already stored, found through the
    /// time index; run on the writer thread, the check and the insert are one step.
    /// </summary>
    private sealed class AuditWrite(IReadOnlyList<AuditEntry> entries, bool redelivered) : SqliteWrite
    {
        public override string Kind => "audit";

        private const string Exists = "SELECT 1 FROM audit WHERE at = $at AND chain = $chain AND seq = $seq;";
        private const string Insert = $"INSERT INTO audit({Columns}) VALUES ($chain, $seq, $at, $actor, $action, $unit, $task, $before, $after, $prev, $hash, $ref);";

        public int Inserted { get; private set; }

        public override bool Apply(Func<string, SqliteTransaction, SqliteCommand> command, SqliteTransaction transaction)
        {
            foreach (var e in entries)
            {
                if (redelivered)
                {
                    var exists = command(Exists, transaction);
                    exists.Bind("$at", e.At);
                    exists.Bind("$chain", e.Chain);
                    exists.Bind("$seq", e.Seq);
                    if (exists.ExecuteScalar() is not null) continue;
                }
                var sql = command(Insert, transaction);
                sql.Bind("$chain", e.Chain);
                sql.Bind("$seq", e.Seq);
                sql.Bind("$at", e.At);
                sql.Bind("$actor", e.Actor);
                sql.Bind("$action", e.Action);
                sql.Bind("$unit", Value(e.UnitId));
                sql.Bind("$task", Value(e.TaskId));
                sql.Bind("$before", Value(e.Before));
                sql.Bind("$after", Value(e.After));
                sql.Bind("$prev", e.PrevHash);
                sql.Bind("$hash", e.Hash);
                sql.Bind("$ref", Value(e.Ref));
                Inserted += sql.ExecuteNonQuery();
            }
            return true;
        }
    }

    /// <summary>
    /// Checkpoints of the pass (a seq checkpointed already keeps its first, a seal among them), or
    /// seals, which replace what the seq held and drop every unsigned checkpoint.
    /// </summary>
    private sealed class CheckpointWrite(IReadOnlyList<AuditCheckpoint> checkpoints, long? watermark, bool seal) : SqliteWrite
    {
        public override string Kind => "auditCheckpoint";

        private const string Values = "(chain, seq, hash, at, scheme, mac, key_id, signature) VALUES ($chain, $seq, $hash, $at, $scheme, $mac, $key, $signature);";
        private const string Mark = "INSERT INTO audit_watermark(id, last_rowid) VALUES (1, $rowid) ON CONFLICT(id) DO UPDATE SET last_rowid = MAX(last_rowid, excluded.last_rowid);";

        public override bool Apply(Func<string, SqliteTransaction, SqliteCommand> command, SqliteTransaction transaction)
        {
            if (seal) command("DELETE FROM audit_checkpoint WHERE signature IS NULL;", transaction).ExecuteNonQuery();
            foreach (var checkpoint in checkpoints)
            {
                var sql = command((seal ? "INSERT OR REPLACE INTO audit_checkpoint" : "INSERT OR IGNORE INTO audit_checkpoint") + Values, transaction);
                sql.Bind("$chain", checkpoint.Chain);
                sql.Bind("$seq", checkpoint.Seq);
                sql.Bind("$hash", checkpoint.Hash);
                sql.Bind("$at", checkpoint.At);
                sql.Bind("$scheme", Value(checkpoint.Scheme));
                sql.Bind("$mac", Value(checkpoint.Mac));
                sql.Bind("$key", Value(checkpoint.KeyId));
                sql.Bind("$signature", Value(checkpoint.Signature));
                sql.ExecuteNonQuery();
            }
            if (watermark is null) return true;
            var mark = command(Mark, transaction);
            mark.Bind("$rowid", watermark);
            mark.ExecuteNonQuery();
            return true;
        }
    }
}
