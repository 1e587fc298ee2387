using Cascade.Alerts;
using Npgsql;
using NpgsqlTypes;
using Orleans.Serialization;

namespace Cascade.Storage.Postgres;

/// <summary>
/// The open-alert index's rows in PostgreSQL (table <c>alert_index</c>, a row per partition and
/// unit), each in Orleans' binary form as in SQLite. A flush is one transaction: the changed rows
/// upserted from arrays in one statement, the emptied units' rows deleted in a second.
/// </summary>
public sealed class PostgresAlertIndexStore(PostgresDatabase database, Serializer serializer) : IAlertIndexStore
{
    /// <summary>A unit listed twice keeps its last row, as consecutive upserts would.</summary>
    private const string Upsert = """
        INSERT INTO alert_index (part, unit_id, data)
        SELECT DISTINCT ON (unit_id) $1, unit_id, data
        FROM unnest($2::text[], $3::bytea[]) WITH ORDINALITY AS c(unit_id, data, n)
        ORDER BY unit_id, n DESC
        ON CONFLICT (part, unit_id) DO UPDATE SET data = excluded.data;
        """;

    private const string Delete = "DELETE FROM alert_index WHERE part = $1 AND unit_id = ANY($2::text[]);";

    public async Task<IReadOnlyList<AlertIndexRow>> Load(int partition)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT data FROM alert_index WHERE part = $1;", connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<AlertIndexRow>();
        while (await reader.ReadAsync()) rows.Add(serializer.Deserialize<AlertIndexRow>(reader.GetFieldValue<byte[]>(0))!);
        return rows;
    }

    public async Task Save(int partition, IReadOnlyList<AlertIndexRow> changed, IReadOnlyList<string> removed)
    {
        if (changed.Count == 0 && removed.Count == 0) return;
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (changed.Count > 0)
        {
            var units = new string[changed.Count];
            var data = new byte[changed.Count][];
            for (var i = 0; i < changed.Count; i++) (units[i], data[i]) = (changed[i].UnitId, serializer.SerializeToArray(changed[i]));
            batch.BatchCommands.Add(Command(Upsert, partition, units, data));
        }
        if (removed.Count > 0) batch.BatchCommands.Add(Command(Delete, partition, [.. removed]));
        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    private static NpgsqlBatchCommand Command(string sql, int partition, string[] units, byte[][]? data = null)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = units, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        if (data is not null) command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        return command;
    }
}
