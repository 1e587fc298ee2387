using System.Threading.Channels;
using Cascade.Audit;
using Npgsql;

namespace Cascade.Storage.Postgres;

/// <summary>
/// The audit trail in PostgreSQL (tables: <c>Schema/002-audit.sql</c>), with the behaviour of the
/// SQLite store (<c>SqliteAuditStore</c>):
/// <list type="bullet">
/// <item>Appends are group-committed: the node's one writer takes what its grains hand in during
/// <see cref="PostgresOptions.AuditWindow"/> (and while its previous transaction is under way) and
/// writes it in one transaction, then answers every caller. A unit's entries are already durable
/// in its own state (<see cref="AuditOutbox{T}"/>), so the wait costs no request any time.</item>
/// <item>A redelivery stores only the entries the trail does not hold with the same chain, seq and time.</item>
/// <item>The checkpoint pass covers the rows appended since the id it last read.</item>
/// </list>
/// </summary>
public sealed partial class PostgresAuditStore : IAuditStore, IDisposable
{
    private const string Columns = "chain, seq, at, actor, action, unit_id, task_id, before, after, prev_hash, hash, ref";

    private readonly PostgresDatabase _database;
    private readonly TimeSpan _window;
    private readonly Channel<Append> _queue = Channel.CreateUnbounded<Append>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public PostgresAuditStore(PostgresDatabase database)
    {
        _database = database;
        _window = database.Settings.AuditWindow;
        _writer = Task.Run(Run);
    }

    public async Task<AuditEntry?> GetHeadAsync(string chain)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM audit WHERE chain = $1 AND ref IS NOT NULL ORDER BY seq DESC LIMIT 1;", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = chain });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader) : null;
    }

    public async Task<IReadOnlySet<string>> FindRefsAsync(string chain, IReadOnlyCollection<string> refs)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (refs.Count == 0) return found;
        await using var connection = await _database.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT DISTINCT ref FROM audit WHERE ref = ANY($1) AND chain = $2;", connection);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. refs] });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = chain });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) found.Add(reader.GetString(0));
        return found;
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = new NpgsqlCommand { Connection = connection };
        var where = new List<string>();
        // A unit's entries are its chain (named by the unit's id).
        if (query.UnitId is { } unit) where.Add($"chain = {Bind(command, unit)} AND unit_id = {Bind(command, unit)}");
        if (query.From is { } from) where.Add($"at >= {Bind(command, AuditEntry.FormatTime(from))}");
        if (query.To is { } to) where.Add($"at <= {Bind(command, AuditEntry.FormatTime(to))}");
        var limit = Bind(command, query.Limit);
        command.CommandText = $"SELECT {Columns} FROM audit {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} " +
                              $"ORDER BY at DESC, chain DESC, seq DESC LIMIT {limit};";
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) entries.Add(Read(reader));
        return entries;
    }

    /// <summary>Streamed, never held: a chain's entries stored beside one seq come in the order they were appended.</summary>
    public async IAsyncEnumerable<AuditEntry> ReadAllAsync()
    {
        await using var connection = await _database.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM audit ORDER BY chain, seq, id;", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) yield return Read(reader);
    }

    /// <summary>Adds a positional parameter and answers its placeholder.</summary>
    private static string Bind<T>(NpgsqlCommand command, T value)
    {
        command.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
        return "$" + command.Parameters.Count;
    }

    private static AuditEntry Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4),
        Text(r, 5), Text(r, 6), Text(r, 7), Text(r, 8), r.GetString(9), r.GetString(10), Text(r, 11));

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    /// <summary>Lets the writer finish what it was handed, then stops it.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writer.Wait(TimeSpan.FromSeconds(10));
    }
}
