using Microsoft.Data.Sqlite;

namespace Cascade.Storage.Sqlite;

/// <summary>A batch of history points, each inserted unless its unit and day are stored already, in the writer's transaction.</summary>
internal sealed class HistoryWrite(IReadOnlyList<(string UnitId, int Day, byte[] Data)> rows) : SqliteWrite
{
    private const string Insert = "INSERT OR IGNORE INTO history(unit_id, day, data) VALUES ($unit, $day, $data);";

    public override string Kind => "history";

    public override bool Apply(Func<string, SqliteTransaction, SqliteCommand> command, SqliteTransaction transaction)
    {
        foreach (var (unitId, day, data) in rows)
        {
            var sql = command(Insert, transaction);
            sql.Parameters.AddWithValue("$unit", unitId);
            sql.Parameters.AddWithValue("$day", day);
            sql.Parameters.AddWithValue("$data", data);
            sql.ExecuteNonQuery();
        }
        return true;
    }
}
