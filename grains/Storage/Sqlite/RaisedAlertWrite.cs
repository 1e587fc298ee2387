using Cascade.Alerts;
using Microsoft.Data.Sqlite;

namespace Cascade.Storage.Sqlite;

/// <summary>Records of raised alerts added in the writer's transaction; one stored already is left alone.</summary>
internal sealed class RaisedAlertWrite(IReadOnlyList<RaisedAlert> raised) : SqliteWrite
{
    private const string Insert = """
        INSERT OR IGNORE INTO raised_alert(unit_id, alert_id, rule, severity, task_id, fired_at)
        VALUES ($unit, $alert, $rule, $severity, $task, $fired);
        """;

    public override string Kind => "raisedAlert";

    public override bool Apply(Func<string, SqliteTransaction, SqliteCommand> command, SqliteTransaction transaction)
    {
        foreach (var alert in raised)
        {
            var sql = command(Insert, transaction);
            sql.Bind("$unit", alert.UnitId);
            sql.Bind("$alert", alert.AlertId);
            sql.Bind("$rule", alert.Rule);
            sql.Bind("$severity", (int)alert.Severity);
            sql.Bind("$task", (object?)alert.TaskId ?? DBNull.Value);
            sql.Bind("$fired", alert.FiredAt.UtcTicks);
            sql.ExecuteNonQuery();
        }
        return true;
    }
}
