using System.Diagnostics;
using Cascade.Telemetry;
using Microsoft.Data.Sqlite;
using Orleans.Serialization;
using Orleans.Storage;

namespace Cascade.Storage.Sqlite;

/// <summary>
/// Orleans grain storage in one SQLite file (WAL). State is stored with Orleans' own binary
/// serializer, so stored types are identified by their <c>[Alias]</c> and <c>[Id]</c>s, not
/// by CLR names: the same bytes as Orleans' <c>OrleansGrainStorageSerializer</c>, written into
/// one array of their exact size (a unit's state is written on every task update). Optimistic
/// concurrency by an integer etag per grain.
/// </summary>
public sealed class SqliteGrainStorage(SqliteDatabase database, Serializer serializer) : IGrainStorage
{
    private static string Key(string stateName, GrainId grainId) => $"{grainId}/{stateName}";

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag, data FROM grain_state WHERE id = $id;";
        command.Parameters.AddWithValue("$id", Key(stateName, grainId));
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        grainState.ETag = reader.GetInt64(0).ToString();
        grainState.State = serializer.Deserialize<T>((byte[])reader.GetValue(1));
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        using var activity = CascadeTelemetry.Source.StartActivity(CascadeTelemetry.Spans.StorageWrite, ActivityKind.Client)?
            .SetTag("db.system.name", "sqlite").SetTag(CascadeTelemetry.Tags.Grain, grainId.ToString());
        var expected = grainState.ETag is null ? (long?)null : long.Parse(grainState.ETag);
        var next = (expected ?? 0) + 1;
        var data = serializer.SerializeToArray(grainState.State);
        if (!await database.Writer.Enqueue(new GrainStateWrite(Key(stateName, grainId), expected, next, data)))
            throw new InconsistentStateException($"The stored state of {grainId} changed since it was read.", grainState.ETag, "?");
        grainState.ETag = next.ToString();
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var expected = grainState.ETag is null ? (long?)null : long.Parse(grainState.ETag);
        if (!await database.Writer.Enqueue(new GrainStateWrite(Key(stateName, grainId), expected, 0, null)))
            throw new InconsistentStateException($"The stored state of {grainId} changed since it was read.", grainState.ETag, "?");
        grainState.ETag = null;
        grainState.RecordExists = false;
    }
}
