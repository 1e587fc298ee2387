using System.Threading.Channels;
using Cascade.Audit;
using Npgsql;

namespace Cascade.Storage.Postgres;

/// <summary>
/// The audit trail in PostgreSQL (tables: <c>Schema/007-audit-bundles.sql</c>), with the behaviour
/// of the SQLite store (<c>SqliteAuditStore</c>):
/// <list type="bullet">
/// <item>Appends are group-committed: the node's one writer takes what its grains hand in during
/// <see cref="PostgresOptions.AuditWindow"/> (and while its previous transaction is under way) and
/// writes it in one transaction, then answers every caller. A unit's entries are already durable
/// in its own state (<see cref="AuditOutbox{T}"/>), so the wait costs no request any time.</item>
/// <item>A transaction's entries are one row, a bundle (<see cref="AuditBundles"/>), and each chain
/// in it a narrow row naming the seqs it holds (a run). Reads find a chain's entries through its
/// runs and entries by time through the bundles' newest and oldest times.</item>
/// <item>A redelivery stores only the entries the trail does not hold with the same chain, seq and time.</item>
/// <item>The checkpoint pass covers the bundles stored since the id it last read.</item>
/// </list>
/// </summary>
public sealed partial class PostgresAuditStore : IAuditStore, IDisposable
{
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

    /// <summary>Lets the writer finish what it was handed, then stops it.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writer.Wait(TimeSpan.FromSeconds(10));
    }

    /// <summary>Adds a positional parameter and answers its placeholder.</summary>
    private static string Bind<T>(NpgsqlCommand command, T value)
    {
        command.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
        return "$" + command.Parameters.Count;
    }

    private static void Column<T>(NpgsqlBatchCommand command, IReadOnlyList<T> rows, Func<T, string?> value) =>
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = rows.Select(value).ToArray() });

    private static void Column<T>(NpgsqlBatchCommand command, IReadOnlyList<T> rows, Func<T, long?> value) =>
        command.Parameters.Add(new NpgsqlParameter<long?[]> { TypedValue = rows.Select(value).ToArray() });

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
