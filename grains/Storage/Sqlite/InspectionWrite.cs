using Microsoft.Data.Sqlite;

namespace Cascade.Storage.Sqlite;

/// <summary>
/// Inserts into the inspection tables in the writer's transaction: a header, a batch of frozen
/// units or a seal. Insert only: a row already stored stays as it is (a retry is a no-op).
/// </summary>
internal sealed class InspectionWrite(string sql, IReadOnlyList<(string Name, object Value)[]> rows) : SqliteWrite
{
    public const string Header = "INSERT OR IGNORE INTO inspection(id, taken_at, data) VALUES ($id, $at, $data);";
    public const string Unit = "INSERT OR IGNORE INTO inspection_unit(inspection, ord, unit_id, depth, row, work) VALUES ($id, $ord, $unit, $depth, $row, $work);";
    public const string Seal = "INSERT OR IGNORE INTO inspection_seal(id, captured_at) VALUES ($id, $at);";

    public override string Kind => "inspection";

    public override bool Apply(Func<string, SqliteTransaction, SqliteCommand> command, SqliteTransaction transaction)
    {
        foreach (var row in rows)
        {
            var insert = command(sql, transaction);
            foreach (var (name, value) in row) insert.Bind(name, value);
            insert.ExecuteNonQuery();
        }
        return true;
    }
}
