using Cascade.Alerts;

namespace Cascade.Storage.Sqlite;

/// <summary>
/// The records of raised alerts in the embedded database (table <c>raised_alert</c>, key: unit
/// and alert id, with an index on when each fired, as UTC ticks); additions join the writer's group commit.
/// </summary>
public sealed class SqliteRaisedAlertStore(SqliteDatabase database) : IRaisedAlertStore
{
    public Task Record(IReadOnlyList<RaisedAlert> raised) =>
        raised.Count == 0 ? Task.CompletedTask : database.Writer.Enqueue(new RaisedAlertWrite(raised));

    public async Task<IReadOnlyList<RaisedAlert>> FiredBetween(DateTimeOffset from, DateTimeOffset to)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT unit_id, alert_id, rule, severity, task_id, fired_at FROM raised_alert
            WHERE fired_at >= $from AND fired_at < $to ORDER BY fired_at, unit_id, alert_id;
            """;
        command.Parameters.AddWithValue("$from", from.UtcTicks);
        command.Parameters.AddWithValue("$to", to.UtcTicks);
        var raised = new List<RaisedAlert>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            raised.Add(new RaisedAlert(reader.GetString(0), reader.GetString(1), reader.GetString(2), (AlertSeverity)reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero)));
        return raised;
    }

    public async Task<int> Prune(DateTimeOffset before)
    {
        var prune = new RaisedAlertPrune(before.UtcTicks);
        await database.Writer.Enqueue(prune);
        return prune.Deleted;
    }
}
