using System.Data;
using System.Runtime.CompilerServices;
using Cascade.Audit;
using Npgsql;

namespace Cascade.Storage.Postgres;

/// <summary>The checkpoint pass, the seals, and the checkpoints <c>verify</c> reads.</summary>
public sealed partial class PostgresAuditStore
{
    private const string CheckpointColumns = "chain, seq, hash, at, scheme, mac, key_id, signature";

    private const string InsertCheckpoints = $"""
        INSERT INTO audit_checkpoint ({CheckpointColumns})
        SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
        """;

    /// <summary>
    /// The chains that grew since the last checkpoint are those of the runs of the bundles past the
    /// watermark (ids are visible in their order: <see cref="AppendLock"/>); a chain's head is its
    /// run of the highest seq (the first stored, should two name it). Both reads see one snapshot; the
    /// heads and the new watermark are then stored in one transaction. Two passes at once store
    /// the same heads: a seq checkpointed already keeps its first, and the watermark only rises.
    /// </summary>
    public async Task<int> CheckpointAsync(DateTimeOffset at, AuditKey key)
    {
        var heads = new List<AuditCheckpoint>();
        long upTo;
        await using var connection = await _database.OpenAsync();
        await using (var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead))
        {
            await using var command = new NpgsqlCommand(
                "SELECT coalesce((SELECT last_bundle FROM audit_watermark WHERE id = 1), 0), coalesce((SELECT max(id) FROM audit_bundle), 0);", connection, snapshot);
            long since;
            await using (var reader = await command.ExecuteReaderAsync())
            {
                await reader.ReadAsync();
                (since, upTo) = (reader.GetInt64(0), reader.GetInt64(1));
            }
            if (upTo <= since) return 0;
            command.CommandText = """
                SELECT DISTINCT ON (chain) chain, high, hash FROM audit_run
                WHERE bundle > $1 AND bundle <= $2 AND hash IS NOT NULL
                ORDER BY chain, high DESC, bundle;
                """;
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = since });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = upTo });
            var time = AuditEntry.FormatTime(at);
            await using var rows = await command.ExecuteReaderAsync();
            while (await rows.ReadAsync()) heads.Add(key.Sign(new AuditCheckpoint(rows.GetString(0), rows.GetInt64(1), rows.GetString(2), time)));
        }
        await using var transaction = await connection.BeginTransactionAsync();
        await using var write = new NpgsqlBatch(connection, transaction);
        write.BatchCommands.Add(Checkpoints(InsertCheckpoints + " ON CONFLICT (chain, seq) DO NOTHING;", heads));
        var mark = new NpgsqlBatchCommand(
            "INSERT INTO audit_watermark (id, last_bundle) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET last_bundle = greatest(audit_watermark.last_bundle, excluded.last_bundle);");
        mark.Parameters.Add(new NpgsqlParameter<long> { TypedValue = upTo });
        write.BatchCommands.Add(mark);
        await write.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return heads.Count;
    }

    /// <summary>Each seal replaces what its seq held (the last of a chain and seq given wins); every unsigned checkpoint goes, in the same transaction.</summary>
    public async Task SealAsync(IReadOnlyList<AuditCheckpoint> seals)
    {
        var last = seals.GroupBy(s => (s.Chain, s.Seq)).Select(g => g.Last()).ToList();
        await using var connection = await _database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var write = new NpgsqlBatch(connection, transaction);
        write.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM audit_checkpoint WHERE signature IS NULL;"));
        write.BatchCommands.Add(Checkpoints(InsertCheckpoints + """
             ON CONFLICT (chain, seq) DO UPDATE SET hash = excluded.hash, at = excluded.at, scheme = excluded.scheme,
                mac = excluded.mac, key_id = excluded.key_id, signature = excluded.signature;
            """, last));
        await write.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    public async Task<IReadOnlyList<AuditCheckpoint>> LatestCheckpointsAsync()
    {
        var checkpoints = new List<AuditCheckpoint>();
        await foreach (var checkpoint in ReadCheckpoints($"SELECT DISTINCT ON (chain) {CheckpointColumns} FROM audit_checkpoint ORDER BY chain, seq DESC;"))
            checkpoints.Add(checkpoint);
        return checkpoints;
    }

    /// <summary>In the table's key order: streamed, never held.</summary>
    public IAsyncEnumerable<AuditCheckpoint> ReadCheckpointsAsync() =>
        ReadCheckpoints($"SELECT {CheckpointColumns} FROM audit_checkpoint ORDER BY chain, seq;");

    private async IAsyncEnumerable<AuditCheckpoint> ReadCheckpoints(string sql, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
            yield return new AuditCheckpoint(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), Text(r, 4), Text(r, 5), Text(r, 6), Text(r, 7));
    }

    private static NpgsqlBatchCommand Checkpoints(string sql, IReadOnlyList<AuditCheckpoint> checkpoints)
    {
        var command = new NpgsqlBatchCommand(sql);
        Column(command, checkpoints, c => c.Chain);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = checkpoints.Select(c => c.Seq).ToArray() });
        Column(command, checkpoints, c => c.Hash);
        Column(command, checkpoints, c => c.At);
        Column(command, checkpoints, c => c.Scheme);
        Column(command, checkpoints, c => c.Mac);
        Column(command, checkpoints, c => c.KeyId);
        Column(command, checkpoints, c => c.Signature);
        return command;
    }
}
