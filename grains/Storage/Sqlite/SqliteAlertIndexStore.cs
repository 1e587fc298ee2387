using Cascade.Alerts;
using Orleans.Serialization;

namespace Cascade.Storage.Sqlite;

/// <summary>
/// The open-alert index's rows in the embedded database (table <c>alert_index</c>, a row per
/// partition and unit), each in Orleans' binary form as grain states are (the same bytes
/// <c>OrleansGrainStorageSerializer</c> writes, into one array of the exact size); a flush joins
/// the writer's group commit.
/// </summary>
public sealed class SqliteAlertIndexStore(SqliteDatabase database, Serializer serializer) : IAlertIndexStore
{
    public async Task<IReadOnlyList<AlertIndexRow>> Load(int partition)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM alert_index WHERE part = $part;";
        command.Parameters.AddWithValue("$part", partition);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<AlertIndexRow>();
        while (await reader.ReadAsync()) rows.Add(serializer.Deserialize<AlertIndexRow>((byte[])reader.GetValue(0))!);
        return rows;
    }

    public Task Save(int partition, IReadOnlyList<AlertIndexRow> changed, IReadOnlyList<string> removed)
    {
        if (changed.Count == 0 && removed.Count == 0) return Task.CompletedTask;
        var data = new List<(string, byte[])>(changed.Count);
        foreach (var row in changed) data.Add((row.UnitId, serializer.SerializeToArray(row)));
        return database.Writer.Enqueue(new AlertIndexWrite(partition, data, removed));
    }
}
