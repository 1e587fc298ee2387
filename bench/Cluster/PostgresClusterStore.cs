using Cascade.Bench.Shared;
using Cascade.Storage.Postgres;
using Cascade.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cascade.Bench.Cluster;

/// <summary>
/// PostgreSQL from Debian's package, a server of its own in a temporary folder (fsync and
/// synchronous commit on, as the package ships it): every write durable when answered. Its raw
/// rate is upserts of stored units' rows into a table like the grain-state table, each its own
/// transaction; the nodes' traffic is counted in committed transactions and rows written by table.
/// Each raw write gives its row the content of another stored unit, as an update changes a
/// unit's row: PostgreSQL logs a row rewritten on its page by the bytes that differ, so rewriting
/// one copy over and over would log about a sixth of what an update logs (219 against 1,475 bytes
/// per write, measured) and make a yardstick no update can be held to.
/// </summary>
public sealed class PostgresClusterStore : ClusterStore
{
    private const string RawTable = "bench_raw";

    private readonly PostgresServer _server = new();
    private readonly string _database;
    private NpgsqlDataSource? _raw;
    private (string ServiceId, string GrainType) _table;
    private byte[][] _payloads = [];
    private long _written; // raw writes so far, over every raw phase

    public PostgresClusterStore() => _database = _server.NewDatabase();

    public override string Name => "PostgreSQL";
    public override string Description => $"PostgreSQL on port {_server.Port} (its own server; fsync and synchronous_commit on)";
    public override Dictionary<string, string?> Settings => _server.Settings(_database);

    public override string AuditWindowSetting => $"{PostgresOptions.Section}:AuditWindow";
    public override int GoalPercent => 80;
    public override TimeSpan AuditWindow(IServiceProvider node) => node.GetRequiredService<PostgresDatabase>().Settings.AuditWindow;

    public override async Task<long> TakeTemplateAsync(IServiceProvider node)
    {
        // The same client settings as a node's (no reset on close, statements prepared), so the
        // yardstick is the best this server does, not a client's default.
        if (_raw is null)
        {
            var settings = new NpgsqlConnectionStringBuilder(_server.ConnectionString(_database)) { MaxPoolSize = 200 };
            PostgresDatabase.Tune(settings, _ => false);
            _raw = new NpgsqlDataSourceBuilder(settings.ConnectionString).Build();
        }
        await using var connection = await _raw.OpenConnectionAsync();
        var rows = new List<(string, string, byte[])>();
        // Every row of the grain type most rows have: the units, whose rows the updates write (a
        // few MB; at most the first 20,000).
        await using (var read = new NpgsqlCommand("""
            SELECT service_id, grain_type, payload FROM orleans_storage
            WHERE payload IS NOT NULL AND grain_type = (SELECT grain_type FROM orleans_storage GROUP BY grain_type ORDER BY count(*) DESC LIMIT 1)
            LIMIT 20000
            """, connection))
        await using (var reader = await read.ExecuteReaderAsync())
            while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1), (byte[])reader[2]));
        if (rows.Count < 2) throw new InvalidOperationException("The grain-state table has fewer than two units.");
        _table = (rows[0].Item1, rows[0].Item2);
        _payloads = [.. rows.Select(r => r.Item3)];
        await using var create = new NpgsqlCommand($"CREATE TABLE IF NOT EXISTS {RawTable} (LIKE orleans_storage INCLUDING ALL)", connection);
        await create.ExecuteNonQueryAsync();
        return (long)_payloads.Average(p => p.Length);
    }

    public override string RawRows => $"the rows of the {_payloads.Length:N0} stored units, {_payloads.Average(p => p.Length):N0} bytes on average as stored now, each write giving its row the next unit's content";

    public override async Task<LoadResult> RawWritesAsync(int keys, int concurrency, TimeSpan duration, int seed)
    {
        return await ClosedLoop.RunAsync(concurrency, duration, seed, async _ =>
        {
            var n = Interlocked.Increment(ref _written);
            var key = $"raw/{n % keys}";
            var payload = _payloads[(n / keys + n % keys) % _payloads.Length]; // each pass over the keys moves every row on to the next stored unit's content
            try
            {
                await using var command = _raw!.CreateCommand($"""
                    INSERT INTO {RawTable} (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, grain_id_hash, grain_type_hash, payload, version)
                    VALUES ($1, $2, 0, 0, $3, 0, 0, $4, 1)
                    ON CONFLICT (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension)
                    DO UPDATE SET payload = excluded.payload, version = {RawTable}.version + 1, modified_at = now()
                    """);
                command.Parameters.Add(new() { Value = _table.ServiceId });
                command.Parameters.Add(new() { Value = _table.GrainType });
                command.Parameters.Add(new() { Value = key });
                command.Parameters.Add(new() { Value = payload });
                await command.ExecuteNonQueryAsync();
                return 200;
            }
            catch (NpgsqlException)
            {
                return 503;
            }
        });
    }

    public override IReadOnlyList<int> Processes() => _server.Processes();

    public override double CpuSeconds() => _server.CpuSeconds();

    public override Task<IReadOnlyDictionary<string, long>> RequestsAsync() =>
        Counts("SELECT 'transactions', xact_commit FROM pg_stat_database WHERE datname = current_database()");

    /// <summary>
    /// The server's write-ahead log so far: how often a backend waited for it to reach the disk
    /// (one flush serves every commit gathered meanwhile), its bytes, and the full pages it copied.
    /// </summary>
    public override async Task<IReadOnlyDictionary<string, double>> WorkAsync()
    {
        var counts = await Counts("SELECT unnest(ARRAY['WAL flushes', 'WAL bytes', 'WAL full pages']), unnest(ARRAY[wal_sync, wal_bytes::bigint, wal_fpi]) FROM pg_stat_wal");
        return counts.ToDictionary(c => c.Key, c => (double)c.Value);
    }

    /// <summary>Rows inserted, updated or deleted by table, as the server counts them.</summary>
    public override Task<IReadOnlyDictionary<string, long>> RowsAsync() =>
        Counts($"SELECT relname::text, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables WHERE relname <> '{RawTable}'");

    private async Task<IReadOnlyDictionary<string, long>> Counts(string sql)
    {
        await using var connection = new NpgsqlConnection(_server.ConnectionString(_database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<string, long>();
        while (await reader.ReadAsync()) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    public override void Dispose()
    {
        _raw?.Dispose();
        _server.Dispose();
    }
}
