using Cascade.History;
using Cascade.Storage.Sqlite;
using Cascade.Tests.Support;
using Cascade.Units;
using Microsoft.Extensions.Options;

namespace Cascade.Tests.History;

/// <summary>The SQLite history store: appends are idempotent per unit and day, reads by unit and range and by day and subtree, pruning by day.</summary>
public sealed class SqliteHistoryStoreTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly SqliteDatabase _database;
    private readonly SqliteHistoryStore _store;
    private static readonly DateOnly Day = new(2026, 12, 7);

    public SqliteHistoryStoreTests()
    {
        _database = new SqliteDatabase(Options.Create(new SqliteStorageOptions { Path = _folder.File("cascade.db") }));
        _store = new SqliteHistoryStore(_database);
    }

    public void Dispose()
    {
        _database.Dispose();
        _folder.Dispose();
    }

    private static HistoryPoint Point(DateOnly day, string id, string? parent, int depth, string name = "党支部") =>
        PointCodecTests.Branch(day) with { UnitId = id, ParentId = parent, Depth = depth, Name = name, Kind = UnitKind.Branch };

    [Fact]
    public async Task A_repeated_append_is_a_no_op()
    {
        await _store.Append([Point(Day, "r", null, 0), Point(Day, "c", "r", 1)]);
        // The batch again after a "crash", with a changed figure: the stored point stays as it was.
        var again = Point(Day, "c", "r", 1, name: "改过的名字");
        await _store.Append([Point(Day, "r", null, 0), again, Point(Day.AddDays(1), "c", "r", 1)]);
        var points = await _store.Read("c", Day.AddDays(-5), Day.AddDays(5));
        Assert.Equal([Day, Day.AddDays(1)], points.Select(p => p.Day));
        Assert.Equal("党支部", points[0].Name);
        Assert.Equal(Point(Day, "c", "r", 1), points[0]);
    }

    [Fact]
    public async Task A_day_is_read_by_its_stored_structure_and_old_days_are_pruned()
    {
        await _store.Append([Point(Day, "r", null, 0), Point(Day, "c", "r", 1), Point(Day, "b1", "c", 2), Point(Day, "b2", "c", 2), Point(Day, "g", "b1", 3)]);
        await _store.Append([Point(Day.AddDays(1), "r", null, 0), Point(Day.AddDays(1), "c", "r", 1), Point(Day.AddDays(1), "g", "c", 2)]);
        Assert.Equal(["c", "b1", "b2", "g"], (await _store.ReadDay(Day, "c", 5)).Select(p => p.UnitId));
        Assert.Equal(["c", "b1", "b2"], (await _store.ReadDay(Day, "c", 1)).Select(p => p.UnitId));
        Assert.Equal(["b1", "g"], (await _store.ReadDay(Day, "b1", 1)).Select(p => p.UnitId));
        Assert.Equal(["c", "g"], (await _store.ReadDay(Day.AddDays(1), "c", 3)).Select(p => p.UnitId));
        Assert.Empty(await _store.ReadDay(Day.AddDays(1), "b1", 3));
        var tree = HistorySubtree.Tree(await _store.ReadDay(Day, "r", 3))!;
        Assert.Equal("c", Assert.Single(tree.Children).Id);
        Assert.Equal(["b1", "b2"], tree.Children[0].Children.Select(n => n.Id));

        Assert.Equal(5, await _store.Prune(Day.AddDays(1)));
        Assert.Empty(await _store.ReadDay(Day, "r", 3));
        Assert.Equal(3, (await _store.ReadDay(Day.AddDays(1), "r", 3)).Count);
        Assert.Equal(0, await _store.Prune(Day.AddDays(1)));
    }

    [Fact]
    public async Task Each_point_reads_with_the_structure_of_its_day()
    {
        await _store.Append([Point(Day, "r", null, 0), Point(Day, "b", "r", 1, "旧名")]);
        await _store.Append([Point(Day.AddDays(1), "r", null, 0), Point(Day.AddDays(1), "b", "r", 1, "旧名")]);
        await _store.Append([Point(Day.AddDays(2), "r", null, 0), Point(Day.AddDays(2), "b", "r", 1, "新名")]);
        await _store.Append([Point(Day.AddDays(3), "r", null, 0), Point(Day.AddDays(3), "b", null, 0, "新名")]); // became a second root's twin
        await _store.Append([Point(Day.AddDays(4), "r", null, 0), Point(Day.AddDays(4), "b", "r", 1, "旧名")]);
        Assert.Equal([("旧名", "r"), ("旧名", "r"), ("新名", "r"), ("新名", null), ("旧名", "r")],
            (await _store.Read("b", Day, Day.AddDays(4))).Select(p => (p.Name, p.ParentId)));
        Assert.Equal([("新名", null), ("旧名", "r")], (await _store.Read("b", Day.AddDays(3), Day.AddDays(9))).Select(p => (p.Name, p.ParentId)));
        Assert.Equal("新名", (await _store.ReadDay(Day.AddDays(2), "r", 1))[1].Name);
        Assert.Single(await _store.ReadDay(Day.AddDays(3), "r", 1));

        // Pruning keeps the structure row the remaining points resolve to.
        Assert.Equal(6, await _store.Prune(Day.AddDays(2)) + await _store.Prune(Day.AddDays(3)));
        Assert.Equal([("新名", null), ("旧名", "r")], (await _store.Read("b", Day, Day.AddDays(4))).Select(p => (p.Name, p.ParentId)));
        await using var connection = await _database.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM history_unit WHERE unit_id = 'b';";
        Assert.Equal(2L, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_unit_day_takes_at_most_100_bytes_in_the_file()
    {
        long Size() => new FileInfo(_folder.File("cascade.db")).Length + (File.Exists(_folder.File("cascade.db-wal")) ? new FileInfo(_folder.File("cascade.db-wal")).Length : 0);
        await using (var c = await _database.OpenAsync())
        {
            await using var checkpoint = c.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }
        var before = Size();
        const int Units = 2_000, Days = 30;
        for (var d = 0; d < Days; d++)
            await _store.Append(Enumerable.Range(0, Units).Select(i => PointCodecTests.Branch(Day.AddDays(d)) with { UnitId = $"b-{i:D4}" }).ToList());
        await using (var c = await _database.OpenAsync())
        {
            await using var checkpoint = c.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }
        var perPoint = (double)(Size() - before) / (Units * Days);
        Assert.True(perPoint <= 100, $"{perPoint:F1} bytes per unit-day in the file");
        Console.WriteLine($"history: {perPoint:F1} bytes per unit-day in the SQLite file");
    }
}
