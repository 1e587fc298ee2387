using Cascade.Alerts;
using Npgsql;
using NpgsqlTypes;

namespace Cascade.Storage.Postgres;

/// <summary>
/// The records of raised alerts in PostgreSQL (table <c>raised_alert</c>, key: unit and alert id,
/// with an index on when each fired, as UTC ticks). Records are added from arrays in one
/// statement; one stored already, or listed twice, keeps the first. Rows go in in key order, so
/// two nodes adding the same records wait for each other instead of deadlocking.
/// </summary>
public sealed class PostgresRaisedAlertStore(PostgresDatabase database) : IRaisedAlertStore
{
    private const string Insert = """
        INSERT INTO raised_alert (unit_id, alert_id, rule, severity, task_id, fired_at)
        SELECT DISTINCT ON (unit_id, alert_id) unit_id, alert_id, rule, severity, task_id, fired_at
        FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::text[], $6::bigint[])
            WITH ORDINALITY AS r(unit_id, alert_id, rule, severity, task_id, fired_at, n)
        ORDER BY unit_id, alert_id, n
        ON CONFLICT (unit_id, alert_id) DO NOTHING;
        """;

    private const string Between = """
        SELECT unit_id, alert_id, rule, severity, task_id, fired_at FROM raised_alert
        WHERE fired_at >= $1 AND fired_at < $2
        ORDER BY fired_at, unit_id COLLATE "C", alert_id COLLATE "C";
        """;

    public async Task Record(IReadOnlyList<RaisedAlert> raised)
    {
        if (raised.Count == 0) return;
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand(Insert, connection);
        command.Parameters.Add(Texts(raised.Select(r => r.UnitId)));
        command.Parameters.Add(Texts(raised.Select(r => r.AlertId)));
        command.Parameters.Add(Texts(raised.Select(r => r.Rule)));
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. raised.Select(r => (int)r.Severity)] });
        command.Parameters.Add(Texts(raised.Select(r => r.TaskId)));
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. raised.Select(r => r.FiredAt.UtcTicks)] });
        await command.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<RaisedAlert>> FiredBetween(DateTimeOffset from, DateTimeOffset to)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand(Between, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = from.UtcTicks });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = to.UtcTicks });
        var raised = new List<RaisedAlert>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            raised.Add(new RaisedAlert(reader.GetString(0), reader.GetString(1), reader.GetString(2), (AlertSeverity)reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero)));
        return raised;
    }

    public async Task<int> Prune(DateTimeOffset before)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand("DELETE FROM raised_alert WHERE fired_at < $1;", connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = before.UtcTicks });
        return await command.ExecuteNonQueryAsync();
    }

    private static NpgsqlParameter<string?[]> Texts(IEnumerable<string?> values) =>
        new() { TypedValue = [.. values], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}
