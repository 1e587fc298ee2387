using Cascade.Alerts;
using Orleans.Storage;

namespace Cascade.Storage.Sqlite;

/// <summary>
/// The open-alert index's rows in the embedded database (table <c>alert_index</c>, a row per
/// partition and unit), each serialized as grain states are; a flush joins the writer's group commit.
/// </summary>
public sealed class SqliteAlertIndexStore(SqliteDatabase database, IGrainStorageSerializer serializer) : IAlertIndexStore
{
    public async Task<IReadOnlyList<AlertIndexRow>> Load(int partition)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM alert_index WHERE part = $part;";
        command.Parameters.AddWithValue("$part", partition);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<AlertIndexRow>();
        while (await reader.ReadAsync())
            rows.Add(serializer.Deserialize<AlertIndexRow>(BinaryData.FromBytes((byte[])reader.GetValue(0)))!);
        return rows;
    }

    public Task Save(int partition, IReadOnlyList<AlertIndexRow> changed, IReadOnlyList<string> removed)
    {
        if (changed.Count == 0 && removed.Count == 0) return Task.CompletedTask;
        var data = changed.Select(row => (row.UnitId, serializer.Serialize(row).ToArray())).ToList();
        return database.Writer.Enqueue(new AlertIndexWrite(partition, data, removed));
    }
}
