using Cascade.History;
using Microsoft.Data.Sqlite;

namespace Cascade.Storage.Sqlite;

/// <summary>
/// A batch of history points in the writer's transaction: each point's figures inserted unless
/// its day and unit are stored already, and, for a point inserted, its structure (parent, name,
/// kind, depth) when it differs from the unit's structure row in force that day. A day stored
/// before days already kept changes nothing for them: the next stored day that read the
/// structure in force before gets a row of its own holding it.
/// </summary>
internal sealed class HistoryWrite(IReadOnlyList<(HistoryPoint Point, byte[] Data)> rows) : SqliteWrite
{
    private const string Insert = "INSERT OR IGNORE INTO history(day, unit_id, data) VALUES ($day, $unit, $data);";
    private const string Current = "SELECT parent_id, name, kind, depth FROM history_unit WHERE unit_id = $unit AND day <= $day ORDER BY day DESC LIMIT 1;";
    private const string Structure = "INSERT OR REPLACE INTO history_unit(unit_id, day, parent_id, name, kind, depth) VALUES ($unit, $day, $parent, $name, $kind, $depth);";
    private const string KeepNext = """
        INSERT OR IGNORE INTO history_unit(unit_id, day, parent_id, name, kind, depth)
        SELECT $unit, n.day, $parent, $name, $kind, $depth
        FROM (SELECT min(day) AS day FROM history WHERE unit_id = $unit AND day > $day) n
        WHERE n.day IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM history_unit WHERE unit_id = $unit AND day > $day AND day <= n.day);
        """;

    private sealed record Shape(string? ParentId, string Name, int Kind, int Depth)
    {
        public static Shape Of(HistoryPoint point) => new(point.ParentId, point.Name, (int)point.Kind, point.Depth);
    }

    public override string Kind => "history";

    public override bool Apply(Func<string, SqliteTransaction, SqliteCommand> command, SqliteTransaction transaction)
    {
        foreach (var (point, data) in rows)
        {
            var day = point.Day.DayNumber;
            var insert = command(Insert, transaction);
            insert.Bind("$day", day);
            insert.Bind("$unit", point.UnitId);
            insert.Bind("$data", data);
            if (insert.ExecuteNonQuery() == 0) continue; // stored already: a repeat changes nothing
            var shape = Shape.Of(point);
            var before = InForce(command(Current, transaction), point.UnitId, day);
            if (before == shape) continue;
            if (before is not null) Write(command(KeepNext, transaction), point.UnitId, day, before);
            Write(command(Structure, transaction), point.UnitId, day, shape);
        }
        return true;
    }

    private static void Write(SqliteCommand write, string unitId, int day, Shape shape)
    {
        write.Bind("$unit", unitId);
        write.Bind("$day", day);
        write.Bind("$parent", (object?)shape.ParentId ?? DBNull.Value);
        write.Bind("$name", shape.Name);
        write.Bind("$kind", shape.Kind);
        write.Bind("$depth", shape.Depth);
        write.ExecuteNonQuery();
    }

    private static Shape? InForce(SqliteCommand current, string unitId, int day)
    {
        current.Bind("$unit", unitId);
        current.Bind("$day", day);
        using var reader = current.ExecuteReader();
        return reader.Read()
            ? new Shape(reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3))
            : null;
    }
}
