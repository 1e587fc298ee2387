using Cascade.History;

namespace Cascade.Storage.Sqlite;

/// <summary>
/// The history points in the embedded database (table <c>history</c>, without rowid: the day's
/// number and the unit id as the key, <see cref="PointCodec"/>'s bytes as the data, and no other
/// index). A day's points are one range of the key (the tree of a past day, pruning) and each new
/// day's rows go after every older one, so pages fill; a unit's days are one seek each. Appends
/// join the writer's group commit.
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
        if (to < from) return [];
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        // One seek per day in the key (day, unit): the days are listed, numbers only.
        var days = string.Join(",", Enumerable.Range(from.DayNumber, to.DayNumber - from.DayNumber + 1));
        command.CommandText = $"SELECT unit_id, day, data FROM history WHERE day IN ({days}) AND unit_id = $unit ORDER BY day;";
        command.Parameters.AddWithValue("$unit", unitId);
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
