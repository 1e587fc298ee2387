using Cascade.Inspections;
using Cascade.Storage.Postgres;
using Cascade.Tests.Support;
using Npgsql;

namespace Cascade.Tests.Inspections;

/// <summary>
/// The inspection store's contract on PostgreSQL, each test on a database of its own; and a batch's
/// transaction: one refused row leaves none of its batch, two nodes appending the same batch at once
/// store each row once, and headers of one moment list by their ids' character codes.
/// </summary>
public sealed class PostgresInspectionStoreTests : InspectionStoreTests, IDisposable
{
    private readonly PostgresDatabase _database = Support.Postgres.NewDatabase();

    public PostgresInspectionStoreTests() => Store = new PostgresInspectionStore(_database, Codec);

    protected override IInspectionStore Store { get; }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_batch_with_a_refused_row_leaves_none_of_its_rows()
    {
        var rows = Frozen();
        // PostgreSQL refuses a text holding U+0000; that row comes last, after the others were sent.
        var refused = rows[3] with { Unit = rows[3].Unit with { UnitId = "c2\0" } };
        var error = await Assert.ThrowsAnyAsync<PostgresException>(() => Store.Append("cut", [.. rows[..3], refused]));
        Assert.Equal(PostgresErrorCodes.CharacterNotInRepertoire, error.SqlState);
        Assert.Empty(await Store.Rows("cut", 0, 3, 5));
        await Store.Append("cut", rows);
        Assert.Equal(["p", "c1", "g1", "c2"], (await Store.Rows("cut", 0, 3, 5)).Select(r => r.UnitId));
    }

    [Fact]
    public async Task Two_nodes_appending_the_same_batch_at_once_store_each_row_once()
    {
        using var other = new PostgresDatabase(Microsoft.Extensions.Options.Options.Create(_database.Settings));
        var rows = Frozen();
        var changed = rows.Select(r => (r.Unit with { Name = "另一节点" }, Work(r.Unit.UnitId, 5))).ToList();
        await Task.WhenAll(Store.Append("twice", rows), new PostgresInspectionStore(other, Codec).Append("twice", changed));
        var stored = await Store.Rows("twice", 0, 3, 5);
        Assert.Equal(["p", "c1", "g1", "c2"], stored.Select(r => r.UnitId));
        Assert.Single(stored.Select(r => r.Name == "另一节点").Distinct()); // one batch's rows, whole
    }

    [Fact]
    public async Task Headers_of_one_moment_list_by_character_codes_on_a_linguistic_database()
    {
        using var database = PostgresLinguistic.NewDatabase();
        var store = new PostgresInspectionStore(database, Codec);
        var at = new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
        foreach (var id in new[] { "a", "B", "_" })
            await store.AddHeader(new InspectionHeader(new InspectionRequest(id, "督查", "2026-q4", "p", []), at, 1, "admin"));
        await store.AddHeader(new InspectionHeader(new InspectionRequest("z", "督查", "2026-q4", "p", []), at.AddTicks(1), 1, "admin"));
        Assert.Equal(["z", "B", "_", "a"], (await store.Headers()).Select(h => h.Id));
    }
}
