using Cascade.History;

namespace Cascade.Storage.Sqlite;

/// <summary>
/// The history points in the embedded database (table <c>history</c>: the unit id and the day's
/// number as the key, <see cref="PointCodec"/>'s bytes as the data, and an index by day for the
/// tree of a past day); appends join the writer's group commit.
/// </summary>
public sealed class SqliteHistoryStore(SqliteDatabase database) : IHistoryStore
{
    public Task Append(IReadOnlyList<HistoryPoint> points)
    {
        if (points.Count == 0) return Task.CompletedTask;
        var rows = new List<(string, int, byte[])>(points.Count);
        foreach (var p in points) rows.Add((p.UnitId, p.Day.DayNumber, PointCodec.Encode(p)));
        return database.Writer.Enqueue(new HistoryWrite(rows));
    }

    public async Task<IReadOnlyList<HistoryPoint>> Read(string unitId, DateOnly from, DateOnly to)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT unit_id, day, data FROM history WHERE unit_id = $unit AND day BETWEEN $from AND $to ORDER BY day;";
        command.Parameters.AddWithValue("$unit", unitId);
        command.Parameters.AddWithValue("$from", from.DayNumber);
        command.Parameters.AddWithValue("$to", to.DayNumber);
        return await ReadPoints(command);
    }

    public async Task<IReadOnlyList<HistoryPoint>> ReadDay(DateOnly day, string unitId, int depth)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT unit_id, day, data FROM history WHERE day = $day;";
        command.Parameters.AddWithValue("$day", day.DayNumber);
        return HistorySubtree.Select(await ReadPoints(command), unitId, depth);
    }

    public async Task<int> Prune(DateOnly before)
    {
        var prune = new HistoryPrune(before.DayNumber);
        await database.Writer.Enqueue(prune);
        return prune.Deleted;
    }

    private static async Task<List<HistoryPoint>> ReadPoints(Microsoft.Data.Sqlite.SqliteCommand command)
    {
        var points = new List<HistoryPoint>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            points.Add(PointCodec.Decode(DateOnly.FromDayNumber(reader.GetInt32(1)), reader.GetString(0), (byte[])reader.GetValue(2)));
        return points;
    }
}
