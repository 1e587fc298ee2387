using Cascade.Alerts;
using Cascade.Storage.Postgres;
using Cascade.Tests.Support;

namespace Cascade.Tests.Grains;

/// <summary>
/// The records of raised alerts on PostgreSQL, each test on a database of its own; and what its
/// columns keep: the moment to the tick, the order of ids by their characters' codes whatever the
/// database's collation, one record each when two nodes add the same at once.
/// </summary>
public sealed class PostgresRaisedAlertStoreTests : RaisedAlertStoreTests, IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 3, 31, 22, 0, 0, TimeSpan.Zero);
    private readonly PostgresDatabase _database;
    private readonly PostgresRaisedAlertStore _store;

    public PostgresRaisedAlertStoreTests() : this(Support.Postgres.NewDatabase()) { }

    private PostgresRaisedAlertStoreTests(PostgresDatabase database) : this(database, new PostgresRaisedAlertStore(database)) { }

    private PostgresRaisedAlertStoreTests(PostgresDatabase database, PostgresRaisedAlertStore store) : base(store) => (_database, _store) = (database, store);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_moment_reads_back_to_the_tick_in_utc()
    {
        // 100 ns past a microsecond, recorded in UTC+8: timestamptz would keep microseconds only.
        var fired = new DateTimeOffset(2026, 3, 31, 22, 0, 0, TimeSpan.FromHours(8)).AddTicks(1_234_567);
        await _store.Record([new RaisedAlert("u", "u.1", "taskOverdue", AlertSeverity.Red, null, fired)]);
        var read = Assert.Single(await _store.FiredBetween(fired, fired.AddTicks(1)));
        Assert.Equal(fired.UtcTicks, read.FiredAt.UtcTicks);
        Assert.Equal(TimeSpan.Zero, read.FiredAt.Offset);
        Assert.Empty(await _store.FiredBetween(fired.AddTicks(1), fired.AddTicks(2)));
    }

    [Fact]
    public async Task Records_of_one_moment_are_ordered_by_character_codes_on_a_linguistic_database()
    {
        using var database = PostgresLinguistic.NewDatabase();
        var store = new PostgresRaisedAlertStore(database);
        await store.Record([Of("a", "a.b"), Of("B", "x"), Of("a", "a.B"), Of("_", "y")]);
        Assert.Equal(["B/x", "_/y", "a/a.B", "a/a.b"], (await store.FiredBetween(At, At.AddSeconds(1))).Select(r => $"{r.UnitId}/{r.AlertId}"));
    }

    [Fact]
    public async Task Two_nodes_recording_the_same_alerts_at_once_store_each_once()
    {
        using var other = new PostgresDatabase(Microsoft.Extensions.Options.Options.Create(_database.Settings));
        var ours = Enumerable.Range(0, 20_000).Select(i => Of($"u{i:D5}", $"u{i:D5}.1")).ToList();
        var theirs = ours.AsEnumerable().Reverse().Select(r => r with { Rule = "unitBehind" }).ToList();
        await Task.WhenAll(_store.Record(ours), new PostgresRaisedAlertStore(other).Record(theirs));
        var stored = await _store.FiredBetween(At, At.AddSeconds(1));
        Assert.Equal(ours.Select(r => r.AlertId), stored.Select(r => r.AlertId));
        Assert.Single(stored.Select(r => r.Rule).Distinct());
    }

    private static RaisedAlert Of(string unit, string alert) => new(unit, alert, "taskOverdue", AlertSeverity.Red, null, At);
}
