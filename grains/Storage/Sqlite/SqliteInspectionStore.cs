using System.Globalization;
using Cascade.Inspections;
using Microsoft.Data.Sqlite;

namespace Cascade.Storage.Sqlite;

/// <summary>
/// Inspections in the embedded database (tables <c>inspection</c>, <c>inspection_seal</c> and
/// <c>inspection_unit</c>, <see cref="SqliteInspectionTables"/>), encoded by <see cref="FrozenCodec"/>;
/// writes join the writer's group commit, insert only.
/// </summary>
public sealed class SqliteInspectionStore(SqliteDatabase database, FrozenCodec codec) : IInspectionStore
{
    public Task AddHeader(InspectionHeader header) =>
        database.Writer.Enqueue(new InspectionWrite(InspectionWrite.Header,
            [[("$id", header.Id), ("$at", Instant(header.TakenAt)), ("$data", codec.Header(header with { CapturedAt = null }))]]));

    public Task Append(string inspectionId, IReadOnlyList<(FrozenUnit Unit, UnitSnapshot Work)> rows)
    {
        if (rows.Count == 0) return Task.CompletedTask;
        var values = new List<(string, object)[]>(rows.Count);
        foreach (var (unit, work) in rows)
            values.Add([("$id", inspectionId), ("$ord", unit.Order), ("$unit", unit.UnitId), ("$depth", unit.Depth),
                ("$row", codec.Row(unit)), ("$work", codec.Work(work))]);
        return database.Writer.Enqueue(new InspectionWrite(InspectionWrite.Unit, values));
    }

    public Task Seal(string inspectionId, DateTimeOffset capturedAt) =>
        database.Writer.Enqueue(new InspectionWrite(InspectionWrite.Seal, [[("$id", inspectionId), ("$at", Instant(capturedAt))]]));

    public async Task<InspectionHeader?> Header(string inspectionId) =>
        (await ReadHeaders("WHERE i.id = $id", inspectionId)).FirstOrDefault();

    public Task<IReadOnlyList<InspectionHeader>> Headers() => ReadHeaders("", null);

    private async Task<IReadOnlyList<InspectionHeader>> ReadHeaders(string where, string? id)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT i.data, s.captured_at FROM inspection i LEFT JOIN inspection_seal s ON s.id = i.id {where} ORDER BY i.taken_at DESC, i.id;";
        if (id is not null) command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync();
        var headers = new List<InspectionHeader>();
        while (await reader.ReadAsync())
        {
            var header = codec.Header((byte[])reader.GetValue(0));
            headers.Add(reader.IsDBNull(1) ? header : header with { CapturedAt = DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture) });
        }
        return headers;
    }

    public async Task<IReadOnlyList<FrozenUnit>> Rows(string inspectionId, int from, int to, int maxDepth)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT row FROM inspection_unit WHERE inspection = $id AND ord BETWEEN $from AND $to AND depth <= $depth ORDER BY ord;";
        command.Parameters.AddWithValue("$id", inspectionId);
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        command.Parameters.AddWithValue("$depth", maxDepth);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<FrozenUnit>();
        while (await reader.ReadAsync()) rows.Add(codec.Row((byte[])reader.GetValue(0)));
        return rows;
    }

    public async Task<FrozenUnit?> Row(string inspectionId, string unitId) =>
        await One(inspectionId, unitId, "row") is { } data ? codec.Row(data) : null;

    public async Task<UnitSnapshot?> Work(string inspectionId, string unitId) =>
        await One(inspectionId, unitId, "work") is { } data ? codec.Work(data) : null;

    private async Task<byte[]?> One(string inspectionId, string unitId, string column)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {column} FROM inspection_unit WHERE inspection = $id AND unit_id = $unit;";
        command.Parameters.AddWithValue("$id", inspectionId);
        command.Parameters.AddWithValue("$unit", unitId);
        return await command.ExecuteScalarAsync() as byte[];
    }

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);
}
