using Microsoft.Data.Sqlite;

namespace Cascade.Storage.Sqlite;

/// <summary>One flush of an open-alert index partition: its changed units' rows replaced and its emptied units' rows deleted, in the writer's transaction.</summary>
internal sealed class AlertIndexWrite(int partition, IReadOnlyList<(string UnitId, byte[] Data)> changed, IReadOnlyList<string> removed) : SqliteWrite
{
    private const string Upsert = "INSERT INTO alert_index(part, unit_id, data) VALUES ($part, $unit, $data) ON CONFLICT(part, unit_id) DO UPDATE SET data = excluded.data;";
    private const string Delete = "DELETE FROM alert_index WHERE part = $part AND unit_id = $unit;";

    public override string Kind => "alertIndex";

    public override bool Apply(Func<string, SqliteTransaction, SqliteCommand> command, SqliteTransaction transaction)
    {
        foreach (var (unitId, data) in changed)
        {
            var sql = command(Upsert, transaction);
            sql.Bind("$part", partition);
            sql.Bind("$unit", unitId);
            sql.Bind("$data", data);
            sql.ExecuteNonQuery();
        }
        foreach (var unitId in removed)
        {
            var sql = command(Delete, transaction);
            sql.Bind("$part", partition);
            sql.Bind("$unit", unitId);
            sql.ExecuteNonQuery();
        }
        return true;
    }
}
