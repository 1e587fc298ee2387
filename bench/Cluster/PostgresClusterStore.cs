using Cascade.Bench.Shared;
using Cascade.Storage.Postgres;
using Cascade.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cascade.Bench.Cluster;

/// <summary>
/// PostgreSQL from Debian's package, a server of its own in a temporary folder (fsync and
/// synchronous commit on, as the package ships it): every write durable when answered. Its raw
/// rate is upserts of copies of a stored unit's row into a table like the grain-state table,
/// each its own transaction; the nodes' traffic is counted in committed transactions and rows
/// written by table.
/// </summary>
public sealed class PostgresClusterStore : ClusterStore
{
    private const string RawTable = "bench_raw";

    private readonly PostgresServer _server = new();
    private readonly string _database;
    private NpgsqlDataSource? _raw;
    private (string ServiceId, string GrainType, byte[] Payload) _template;

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
        var settings = new NpgsqlConnectionStringBuilder(_server.ConnectionString(_database)) { MaxPoolSize = 200 };
        PostgresDatabase.Tune(settings, _ => false);
        _raw = new NpgsqlDataSourceBuilder(settings.ConnectionString).Build();
        await using var connection = await _raw.OpenConnectionAsync();
        var rows = new List<(string, string, byte[])>();
        await using (var read = new NpgsqlCommand("SELECT service_id, grain_type, payload FROM orleans_storage WHERE payload IS NOT NULL LIMIT 500", connection))
        await using (var reader = await read.ExecuteReaderAsync())
            while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1), (byte[])reader[2]));
        if (rows.Count == 0) throw new InvalidOperationException("The grain-state table is empty.");
        _template = rows.OrderBy(r => r.Item3.Length).ElementAt(rows.Count / 2);
        await using var create = new NpgsqlCommand($"CREATE TABLE IF NOT EXISTS {RawTable} (LIKE orleans_storage INCLUDING ALL)", connection);
        await create.ExecuteNonQueryAsync();
        return _template.Payload.Length;
    }

    public override async Task<LoadResult> RawWritesAsync(int keys, int concurrency, TimeSpan duration, int seed)
    {
        var next = 0L;
        return await ClosedLoop.RunAsync(concurrency, duration, seed, async _ =>
        {
            var key = $"raw/{Interlocked.Increment(ref next) % keys}";
            try
            {
                await using var command = _raw!.CreateCommand($"""
                    INSERT INTO {RawTable} (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, grain_id_hash, grain_type_hash, payload, version)
                    VALUES ($1, $2, 0, 0, $3, 0, 0, $4, 1)
                    ON CONFLICT (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension)
                    DO UPDATE SET payload = excluded.payload, version = {RawTable}.version + 1, modified_at = now()
                    """);
                command.Parameters.Add(new() { Value = _template.ServiceId });
                command.Parameters.Add(new() { Value = _template.GrainType });
                command.Parameters.Add(new() { Value = key });
                command.Parameters.Add(new() { Value = _template.Payload });
                await command.ExecuteNonQueryAsync();
                return 200;
            }
            catch (NpgsqlException)
            {
                return 503;
            }
        });
    }

    public override double CpuSeconds() => _server.CpuSeconds();

    public override Task<IReadOnlyDictionary<string, long>> RequestsAsync() =>
        Counts("SELECT 'transactions', xact_commit FROM pg_stat_database WHERE datname = current_database()");

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
