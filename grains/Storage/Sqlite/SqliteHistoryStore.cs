using Cascade.History;
using Cascade.Units;
using Microsoft.Data.Sqlite;

namespace Cascade.Storage.Sqlite;

/// <summary>
/// The history points in the embedded database (docs/architecture.md "History"). Table
/// <c>history</c> (without rowid, key: the day's number, then the unit id) holds each point's
/// figures in <see cref="PointCodec"/>'s form and nothing else: a day's points are one range of
/// the key (a past day's tree, pruning), each new day's rows go after every older one so pages
/// fill, and a unit's days are a seek each. Table <c>history_unit</c> (key: unit id, day) holds a
/// unit's parent, name, kind and depth from the day they were first or last changed; a read joins
/// each point to the row in force on its day. Appends join the writer's group commit.
/// </summary>
public sealed class SqliteHistoryStore(SqliteDatabase database) : IHistoryStore
{
    /// <summary>Each point with the structure row in force on its day.</summary>
    private const string Select = """
        SELECT p.day, p.unit_id, p.data, s.parent_id, s.name, s.kind, s.depth
        FROM history p JOIN history_unit s ON s.unit_id = p.unit_id
            AND s.day = (SELECT max(x.day) FROM history_unit x WHERE x.unit_id = p.unit_id AND x.day <= p.day)
        """;

    public Task Append(IReadOnlyList<HistoryPoint> points)
    {
        if (points.Count == 0) return Task.CompletedTask;
        var rows = new List<(HistoryPoint, byte[])>(points.Count);
        foreach (var p in points) rows.Add((p, PointCodec.Encode(p.Figures)));
        return database.Writer.Enqueue(new HistoryWrite(rows));
    }

    public async Task<IReadOnlyList<HistoryPoint>> Read(string unitId, DateOnly from, DateOnly to)
    {
        if (to < from) return [];
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        // One seek per day in the key (day, unit): the days are listed, numbers only.
        var days = string.Join(",", Enumerable.Range(from.DayNumber, to.DayNumber - from.DayNumber + 1));
        command.CommandText = $"{Select} WHERE p.day IN ({days}) AND p.unit_id = $unit ORDER BY p.day;";
        command.Parameters.AddWithValue("$unit", unitId);
        return await ReadPoints(command);
    }

    public async Task<IReadOnlyList<HistoryPoint>> ReadDay(DateOnly day, string unitId, int depth)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"{Select} WHERE p.day = $day;";
        command.Parameters.AddWithValue("$day", day.DayNumber);
        return HistorySubtree.Select(await ReadPoints(command), unitId, depth);
    }

    public async Task<int> Prune(DateOnly before)
    {
        var prune = new HistoryPrune(before.DayNumber);
        await database.Writer.Enqueue(prune);
        return prune.Deleted;
    }

    private static async Task<List<HistoryPoint>> ReadPoints(SqliteCommand command)
    {
        var points = new List<HistoryPoint>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            points.Add(new HistoryPoint(DateOnly.FromDayNumber(reader.GetInt32(0)), reader.GetString(1),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4), (UnitKind)reader.GetInt32(5), reader.GetInt32(6),
                PointCodec.Decode((byte[])reader.GetValue(2))));
        return points;
    }
}
