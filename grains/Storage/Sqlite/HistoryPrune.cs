using Microsoft.Data.Sqlite;

namespace Cascade.Storage.Sqlite;

/// <summary>Deletes the history points of the days before one, in the writer's transaction; <see cref="Deleted"/> says how many.</summary>
internal sealed class HistoryPrune(int before) : SqliteWrite
{
    public override string Kind => "historyPrune";

    public int Deleted { get; private set; }

    public override bool Apply(Func<string, SqliteTransaction, SqliteCommand> command, SqliteTransaction transaction)
    {
        var sql = command("DELETE FROM history WHERE day < $before;", transaction);
        sql.Parameters.AddWithValue("$before", before);
        Deleted = sql.ExecuteNonQuery();
        return true;
    }
}
