using Cascade.History;
using Microsoft.Data.Sqlite;

namespace Cascade.Storage.Sqlite;

/// <summary>
/// A batch of history points in the writer's transaction: each point's figures inserted unless
/// its day and unit are stored already, and, for a point inserted, its structure (parent, name,
/// kind, depth) when it differs from the unit's structure row in force that day.
/// </summary>
internal sealed class HistoryWrite(IReadOnlyList<(HistoryPoint Point, byte[] Data)> rows) : SqliteWrite
{
    private const string Insert = "INSERT OR IGNORE INTO history(day, unit_id, data) VALUES ($day, $unit, $data);";
    private const string Current = "SELECT parent_id, name, kind, depth FROM history_unit WHERE unit_id = $unit AND day <= $day ORDER BY day DESC LIMIT 1;";
    private const string Structure = "INSERT OR REPLACE INTO history_unit(unit_id, day, parent_id, name, kind, depth) VALUES ($unit, $day, $parent, $name, $kind, $depth);";

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
            if (Unchanged(command(Current, transaction), point, day)) continue;
            var structure = command(Structure, transaction);
            structure.Bind("$unit", point.UnitId);
            structure.Bind("$day", day);
            structure.Bind("$parent", (object?)point.ParentId ?? DBNull.Value);
            structure.Bind("$name", point.Name);
            structure.Bind("$kind", (int)point.Kind);
            structure.Bind("$depth", point.Depth);
            structure.ExecuteNonQuery();
        }
        return true;
    }

    private static bool Unchanged(SqliteCommand current, HistoryPoint point, int day)
    {
        current.Bind("$unit", point.UnitId);
        current.Bind("$day", day);
        using var reader = current.ExecuteReader();
        return reader.Read()
            && (reader.IsDBNull(0) ? null : reader.GetString(0)) == point.ParentId
            && reader.GetString(1) == point.Name
            && reader.GetInt32(2) == (int)point.Kind
            && reader.GetInt32(3) == point.Depth;
    }
}
