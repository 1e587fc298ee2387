using Cascade.History;
using Cascade.Storage.Sqlite;
using Cascade.Tests.Support;
using Cascade.Units;
using Microsoft.Extensions.Options;

namespace Cascade.Tests.History;

/// <summary>The history store's contract (<see cref="HistoryStoreTests"/>) on the embedded database, its structure rows pruned, its bytes per unit-day in the file.</summary>
public sealed class SqliteHistoryStoreTests : HistoryStoreTests, IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly SqliteDatabase _database;
    private readonly SqliteHistoryStore _store;

    public SqliteHistoryStoreTests()
    {
        _database = new SqliteDatabase(Options.Create(new SqliteStorageOptions { Path = _folder.File("cascade.db") }));
        _store = new SqliteHistoryStore(_database);
    }

    protected override IHistoryStore Store => _store;

    public void Dispose()
    {
        _database.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Pruning_keeps_only_the_structure_rows_the_remaining_points_resolve_to()
    {
        await Store.Append([Point(Day, "r", null, 0), Point(Day, "b", "r", 1, "旧名")]);
        await Store.Append([Point(Day.AddDays(2), "r", null, 0), Point(Day.AddDays(2), "b", "r", 1, "新名")]);
        await Store.Append([Point(Day.AddDays(3), "r", null, 0), Point(Day.AddDays(3), "b", null, 0, "新名")]);
        await Store.Append([Point(Day.AddDays(4), "r", null, 0), Point(Day.AddDays(4), "b", "r", 1, "旧名")]);
        Assert.Equal(4, await Store.Prune(Day.AddDays(2)) + await Store.Prune(Day.AddDays(3)));
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
