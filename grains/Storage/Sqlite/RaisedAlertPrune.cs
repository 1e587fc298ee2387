using Microsoft.Data.Sqlite;

namespace Cascade.Storage.Sqlite;

/// <summary>Deletes the records of alerts fired before a moment, in the writer's transaction; <see cref="Deleted"/> says how many.</summary>
internal sealed class RaisedAlertPrune(long beforeTicks) : SqliteWrite
{
    public override string Kind => "raisedAlertPrune";

    public int Deleted { get; private set; }

    public override bool Apply(Func<string, SqliteTransaction, SqliteCommand> command, SqliteTransaction transaction)
    {
        var sql = command("DELETE FROM raised_alert WHERE fired_at < $before;", transaction);
        sql.Bind("$before", beforeTicks);
        Deleted = sql.ExecuteNonQuery();
        return true;
    }
}
