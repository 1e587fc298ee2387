using Cascade.History;
using Npgsql;
using NpgsqlTypes;

namespace Cascade.Storage.Postgres;

/// <summary>
/// Appending: the batch's points as arrays, in one statement that inserts the figures of those not
/// stored and writes the structure rows the inserted ones need.
/// </summary>
public sealed partial class PostgresHistoryStore
{
    /// <summary>
    /// <list type="number">
    /// <item><c>inserted</c>: the points not stored (a point listed twice: the first), in key order.</item>
    /// <item><c>candidate</c>: a structure row on each inserted point's day; and, for a point inserted
    /// before a later stored day, one on the day after it with the structure in force there before,
    /// so the days after keep theirs.</item>
    /// <item><c>merged</c>: the candidates among the stored rows around them; a candidate equal to
    /// the row before it changes nothing and is left out, unless it replaces a stored row of its day.</item>
    /// </list>
    /// The statement reads the tables as they were before it, so every stored row is one it found.
    /// </summary>
    private const string Insert = """
        WITH input AS (
            SELECT DISTINCT ON (day, unit_id) *
            FROM unnest($1::integer[], $2::text[], $3::bytea[], $4::text[], $5::text[], $6::integer[], $7::integer[])
                WITH ORDINALITY AS i(day, unit_id, data, parent_id, name, kind, depth, n)
            ORDER BY day, unit_id, n
        ),
        inserted AS (
            INSERT INTO history (day, unit_id, data) SELECT day, unit_id, data FROM input ORDER BY day, unit_id
            ON CONFLICT (day, unit_id) DO NOTHING
            RETURNING day, unit_id
        ),
        added AS (
            SELECT i.unit_id, i.day, i.parent_id, i.name, i.kind, i.depth
            FROM inserted x JOIN input i ON i.day = x.day AND i.unit_id = x.unit_id
        ),
        restored AS (
            SELECT a.unit_id, a.day + 1 AS day, o.parent_id, o.name, o.kind, o.depth
            FROM added a CROSS JOIN LATERAL (
                SELECT s.parent_id, s.name, s.kind, s.depth FROM history_unit s
                WHERE s.unit_id = a.unit_id AND s.day <= a.day + 1 ORDER BY s.day DESC LIMIT 1) o
            WHERE a.day < (SELECT max(day) FROM history)
              AND NOT EXISTS (SELECT 1 FROM added b WHERE b.unit_id = a.unit_id AND b.day = a.day + 1)
              AND NOT EXISTS (SELECT 1 FROM history_unit s WHERE s.unit_id = a.unit_id AND s.day = a.day + 1)
        ),
        candidate AS (
            SELECT * FROM added UNION ALL SELECT * FROM restored
        ),
        span AS (
            SELECT unit_id, min(day) AS low, max(day) AS high FROM candidate GROUP BY unit_id
        ),
        stored AS (
            SELECT h.unit_id, h.day, h.parent_id, h.name, h.kind, h.depth
            FROM span s JOIN history_unit h ON h.unit_id = s.unit_id AND h.day BETWEEN s.low AND s.high
            UNION ALL
            SELECT s.unit_id, b.day, b.parent_id, b.name, b.kind, b.depth
            FROM span s CROSS JOIN LATERAL (
                SELECT h.day, h.parent_id, h.name, h.kind, h.depth FROM history_unit h
                WHERE h.unit_id = s.unit_id AND h.day < s.low ORDER BY h.day DESC LIMIT 1) b
        ),
        merged AS (
            SELECT c.*, true AS candidate,
                   EXISTS (SELECT 1 FROM stored t WHERE t.unit_id = c.unit_id AND t.day = c.day) AS replaces
            FROM candidate c
            UNION ALL
            SELECT t.*, false, false FROM stored t
            WHERE NOT EXISTS (SELECT 1 FROM candidate c WHERE c.unit_id = t.unit_id AND c.day = t.day)
        ),
        ordered AS (
            SELECT m.*,
                   lag(m.day) OVER w AS before_day,
                   lag(ROW(m.parent_id, m.name, m.kind, m.depth)) OVER w AS before
            FROM merged m WINDOW w AS (PARTITION BY m.unit_id ORDER BY m.day)
        )
        INSERT INTO history_unit (unit_id, day, parent_id, name, kind, depth)
        SELECT unit_id, day, parent_id, name, kind, depth FROM ordered
        WHERE candidate AND (replaces OR before_day IS NULL OR before IS DISTINCT FROM ROW(parent_id, name, kind, depth))
        ON CONFLICT (unit_id, day) DO UPDATE
            SET parent_id = excluded.parent_id, name = excluded.name, kind = excluded.kind, depth = excluded.depth;
        """;

    /// <summary>
    /// Stores the points in one transaction. A point stored already is left as it is, also one
    /// another node is storing at the same moment: its append holds the lock until it commits,
    /// and this one then finds the point stored.
    /// </summary>
    public async Task Append(IReadOnlyList<HistoryPoint> points)
    {
        if (points.Count == 0) return;
        var n = points.Count;
        var (days, units, data, parents, names, kinds, depths) =
            (new int[n], new string[n], new byte[n][], new string?[n], new string[n], new int[n], new int[n]);
        for (var i = 0; i < n; i++)
        {
            var p = points[i];
            (days[i], units[i], data[i], parents[i], names[i], kinds[i], depths[i]) =
                (p.Day.DayNumber, p.UnitId, PointCodec.Encode(p.Figures), p.ParentId, p.Name, (int)p.Kind, p.Depth);
        }
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Locked(),
                new NpgsqlBatchCommand(Insert)
                {
                    Parameters =
                    {
                        new NpgsqlParameter<int[]> { TypedValue = days },
                        Texts(units),
                        new NpgsqlParameter<byte[][]> { TypedValue = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
                        Texts(parents),
                        Texts(names),
                        new NpgsqlParameter<int[]> { TypedValue = kinds },
                        new NpgsqlParameter<int[]> { TypedValue = depths },
                    },
                },
            },
        };
        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    private static NpgsqlParameter<string?[]> Texts(string?[] values) =>
        new() { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}
