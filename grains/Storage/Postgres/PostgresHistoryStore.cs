using Cascade.History;
using Cascade.Units;
using Npgsql;

namespace Cascade.Storage.Postgres;

/// <summary>
/// The history points in PostgreSQL, laid out as in SQLite: table <c>history</c> (key: the day's
/// number, then the unit id) holds each point's figures in <see cref="PointCodec"/>'s form, table
/// <c>history_unit</c> (key: unit id, day) a unit's parent, name, kind and depth from the day they
/// were first recorded or changed; a read joins each point to the row in force on its day.
/// Appends and prunes each run in one transaction under one advisory lock
/// (<see cref="WriteLock"/>): deciding which structure rows an append needs reads rows that an
/// append of another day for the same units could be writing.
/// </summary>
public sealed partial class PostgresHistoryStore(PostgresDatabase database) : IHistoryStore
{
    /// <summary>The advisory lock of history's writes, a number of its own among the database's ("CascadeH").</summary>
    public const long WriteLock = 0x4361736361646548;

    /// <summary>Each point with the structure row in force on its day.</summary>
    private const string Select = """
        SELECT p.day, p.unit_id, p.data, s.parent_id, s.name, s.kind, s.depth
        FROM history p CROSS JOIN LATERAL (
            SELECT x.parent_id, x.name, x.kind, x.depth FROM history_unit x
            WHERE x.unit_id = p.unit_id AND x.day <= p.day ORDER BY x.day DESC LIMIT 1) s
        """;

    public async Task<IReadOnlyList<HistoryPoint>> Read(string unitId, DateOnly from, DateOnly to)
    {
        if (to < from) return [];
        await using var connection = await database.OpenAsync();
        // One seek per day in the key (day, unit), over the days stored only (none when nothing
        // is), so a wide range costs no more than the days there are.
        await using var command = new NpgsqlCommand($"""
            {Select}
            WHERE p.unit_id = $1 AND p.day = ANY (ARRAY(SELECT generate_series(
                greatest($2, coalesce((SELECT min(day) FROM history), $3 + 1)), least($3, (SELECT max(day) FROM history)))))
            ORDER BY p.day;
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = unitId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = from.DayNumber });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = to.DayNumber });
        return await ReadPoints(command);
    }

    public async Task<IReadOnlyList<HistoryPoint>> ReadDay(DateOnly day, string unitId, int depth)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand($"""{Select} WHERE p.day = $1 ORDER BY p.unit_id COLLATE "C";""", connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = day.DayNumber });
        return HistorySubtree.Select(await ReadPoints(command), unitId, depth);
    }

    /// <summary>
    /// Deletes the points of the days before one and the structure rows no point left can resolve
    /// to (a row followed by a newer one at or before that day); answers how many points.
    /// </summary>
    public async Task<int> Prune(DateOnly before)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Locked(),
                Before("DELETE FROM history WHERE day < $1;", before),
                Before("""
                    DELETE FROM history_unit u WHERE u.day < $1 AND EXISTS (
                        SELECT 1 FROM history_unit n WHERE n.unit_id = u.unit_id AND n.day > u.day AND n.day <= $1);
                    """, before),
            },
        };
        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return batch.BatchCommands[1].RecordsAffected;
    }

    private static NpgsqlBatchCommand Before(string sql, DateOnly before) =>
        new(sql) { Parameters = { new NpgsqlParameter<int> { TypedValue = before.DayNumber } } };

    /// <summary>Waits for the history's lock, held until the transaction ends.</summary>
    private static NpgsqlBatchCommand Locked() =>
        new("SELECT pg_advisory_xact_lock($1);") { Parameters = { new NpgsqlParameter<long> { TypedValue = WriteLock } } };

    private static async Task<List<HistoryPoint>> ReadPoints(NpgsqlCommand command)
    {
        var points = new List<HistoryPoint>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            points.Add(new HistoryPoint(DateOnly.FromDayNumber(reader.GetInt32(0)), reader.GetString(1),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4), (UnitKind)reader.GetInt32(5), reader.GetInt32(6),
                PointCodec.Decode(reader.GetFieldValue<byte[]>(2))));
        return points;
    }
}
