using Cascade.History;
using Cascade.Storage.Postgres;
using Cascade.Tests.Support;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cascade.Tests.History;

/// <summary>
/// The history store's contract (<see cref="HistoryStoreTests"/>) on PostgreSQL, each test on a
/// database of its own; and what a shared database adds: two nodes appending one day at once keep
/// one whole point per unit, a day stored before days already kept leaves their structure as it
/// was, pruning keeps only the structure rows the remaining points resolve to, a day's points
/// list by their ids' character codes whatever the database's collation.
/// </summary>
public sealed class PostgresHistoryStoreTests : HistoryStoreTests, IDisposable
{
    private readonly PostgresDatabase _database = Support.Postgres.NewDatabase();

    public PostgresHistoryStoreTests() => Store = new PostgresHistoryStore(_database);

    protected override IHistoryStore Store { get; }

    public void Dispose() => _database.Dispose();

    private static List<HistoryPoint> DayOf(DateOnly day, int units) =>
        [.. Enumerable.Range(0, units).Select(i => PointCodecTests.Branch(day) with { UnitId = $"b-{i:D4}" })];

    private async Task<long> Count(string sql)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Two_nodes_appending_one_day_at_once_keep_one_whole_point_per_unit()
    {
        using var other = new PostgresDatabase(Options.Create(_database.Settings));
        var ours = DayOf(Day, 2_000);
        var theirs = ours.AsEnumerable().Reverse().Select(p => p with { Name = "另一节点", Figures = p.Figures with { Count = 7, Done = 7 } }).ToList();
        await Task.WhenAll(Store.Append(ours), new PostgresHistoryStore(other).Append(theirs));
        var (mine, yours) = (ours.ToDictionary(p => p.UnitId), theirs.ToDictionary(p => p.UnitId));
        foreach (var unit in mine.Keys)
        {
            var point = Assert.Single(await Store.Read(unit, Day, Day));
            Assert.True(point == mine[unit] || point == yours[unit], $"{unit}: {point}");
        }
        Assert.Equal(2_000, await Count("SELECT count(*) FROM history_unit;"));
    }

    [Fact]
    public async Task Days_stored_before_kept_ones_add_a_structure_row_only_where_a_day_differs_from_the_one_before()
    {
        await StoreDaysAroundKeptOnes(); // what they read back: the shared contract's test
        // A row on each day whose structure differs from the day before's: all but day 4.
        Assert.Equal(6, await Count("SELECT count(*) FROM history_unit;"));
    }

    [Fact]
    public async Task Days_appended_together_for_one_unit_each_keep_their_structure()
    {
        await Store.Append([Point(Day.AddDays(2), "b", "r", 1, "甲"), Point(Day, "b", "r", 1, "乙"), Point(Day.AddDays(1), "b", "r", 1, "甲"),
            Point(Day.AddDays(3), "b", "r", 1, "乙"), Point(Day.AddDays(1), "b", "r", 1, "丙")]);
        Assert.Equal(["乙", "甲", "甲", "乙"], (await Store.Read("b", Day, Day.AddDays(3))).Select(p => p.Name));
        Assert.Equal(3, await Count("SELECT count(*) FROM history_unit;"));
    }

    [Fact]
    public async Task Pruning_keeps_only_the_structure_rows_the_remaining_points_resolve_to()
    {
        await Store.Append([Point(Day, "r", null, 0), Point(Day, "b", "r", 1, "旧名")]);
        await Store.Append([Point(Day.AddDays(2), "r", null, 0), Point(Day.AddDays(2), "b", "r", 1, "新名")]);
        await Store.Append([Point(Day.AddDays(3), "r", null, 0), Point(Day.AddDays(3), "b", null, 0, "新名")]);
        await Store.Append([Point(Day.AddDays(4), "r", null, 0), Point(Day.AddDays(4), "b", "r", 1, "旧名")]);
        Assert.Equal(4, await Store.Prune(Day.AddDays(2)) + await Store.Prune(Day.AddDays(3)));
        Assert.Equal(2, await Count("SELECT count(*) FROM history_unit WHERE unit_id = 'b';"));
        Assert.Equal(1, await Count("SELECT count(*) FROM history_unit WHERE unit_id = 'r';"));
        Assert.Equal([("新名", null), ("旧名", "r")], (await Store.Read("b", Day, Day.AddDays(9))).Select(p => (p.Name, p.ParentId)));
    }

    [Fact]
    public async Task A_day_of_100000_units_is_appended_and_read_back()
    {
        var day = DayOf(Day, 100_000);
        await Store.Append(day);
        await Store.Append(day); // a repeat adds nothing
        Assert.Equal(100_000, await Count("SELECT count(*) FROM history;"));
        Assert.Equal(100_000, await Count("SELECT count(*) FROM history_unit;"));
        Assert.Equal(day[99_999], Assert.Single(await Store.Read(day[99_999].UnitId, Day.AddDays(-400), Day.AddDays(400))));
    }

    [Fact]
    public async Task A_days_points_list_by_character_codes_on_a_linguistic_database()
    {
        using var database = PostgresLinguistic.NewDatabase();
        var store = new PostgresHistoryStore(database);
        await store.Append([Point(Day, "r", null, 0), Point(Day, "a", "r", 1), Point(Day, "B", "r", 1), Point(Day, "_", "r", 1)]);
        Assert.Equal(["r", "B", "_", "a"], (await store.ReadDay(Day, "r", 1)).Select(p => p.UnitId));
    }
}
