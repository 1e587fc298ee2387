using Cascade.Alerts;
using Cascade.Storage.Postgres;
using Cascade.Tests.Support;

namespace Cascade.Tests.Grains;

/// <summary>The open-alert index's rows on PostgreSQL, each test on a database of its own; and a flush that names a unit twice.</summary>
public sealed class PostgresAlertIndexStoreTests : AlertIndexStoreTests, IDisposable
{
    private readonly PostgresDatabase _database;
    private readonly PostgresAlertIndexStore _store;

    public PostgresAlertIndexStoreTests() : this(Support.Postgres.NewDatabase()) { }

    private PostgresAlertIndexStoreTests(PostgresDatabase database) : this(database, new PostgresAlertIndexStore(database, Serializer)) { }

    private PostgresAlertIndexStoreTests(PostgresDatabase database, PostgresAlertIndexStore store) : base(store) => (_database, _store) = (database, store);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_unit_changed_twice_in_one_flush_keeps_its_last_row_and_one_also_removed_is_gone()
    {
        await _store.Save(1, [new AlertIndexRow("a", 1, []), new AlertIndexRow("b", 1, []), new AlertIndexRow("a", 2, [])], []);
        Assert.Equal(["a@2", "b@1"], (await _store.Load(1)).Select(r => $"{r.UnitId}@{r.Version}").Order());
        await _store.Save(1, [new AlertIndexRow("b", 5, []), new AlertIndexRow("c", 1, [])], ["b"]);
        Assert.Equal(["a@2", "c@1"], (await _store.Load(1)).Select(r => $"{r.UnitId}@{r.Version}").Order());
    }
}
