using Microsoft.Data.Sqlite;

namespace Cascade.Storage.Sqlite;

/// <summary>
/// Deletes the history points of the days before one and the structure rows no point left can
/// resolve to (a row followed by a newer one at or before that day), in the writer's
/// transaction; <see cref="Deleted"/> says how many points.
/// </summary>
internal sealed class HistoryPrune(int before) : SqliteWrite
{
    private const string Points = "DELETE FROM history WHERE day < $before;";
    private const string Structure = """
        DELETE FROM history_unit WHERE day < $before AND EXISTS (
            SELECT 1 FROM history_unit n WHERE n.unit_id = history_unit.unit_id AND n.day > history_unit.day AND n.day <= $before);
        """;

    public override string Kind => "historyPrune";

    public int Deleted { get; private set; }

    public override bool Apply(Func<string, SqliteTransaction, SqliteCommand> command, SqliteTransaction transaction)
    {
        var points = command(Points, transaction);
        points.Bind("$before", before);
        Deleted = points.ExecuteNonQuery();
        var structure = command(Structure, transaction);
        structure.Bind("$before", before);
        structure.ExecuteNonQuery();
        return true;
    }
}
