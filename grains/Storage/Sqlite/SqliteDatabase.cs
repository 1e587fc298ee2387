using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Cascade.Storage.Sqlite;

/// <summary>
/// The embedded store's one file (WAL): its tables and its single writer, shared by the grain
/// storage and the audit store so both commit in the same group transactions. The web host's
/// Data Protection keys live here too, so every node on the file shares one key ring.
/// </summary>
public sealed class SqliteDatabase : IStorageProbe, IDisposable
{
    private readonly string _path;
    private readonly string _probeConnectionString;

    public SqliteDatabase(IOptions<SqliteStorageOptions> options)
    {
        var settings = options.Value;
        var path = _path = Path.GetFullPath(settings.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        // The probe opens the file afresh: a pooled connection would still read a file that was
        // deleted or whose volume went away, and ReadWriteCreate would make a new empty one.
        _probeConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadWrite, DefaultTimeout = 2,
        }.ToString();
        using (var connection = new SqliteConnection(ConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // grain_state is a rowid table: a row of up to ~4 KB stays in its page, where a WITHOUT
            // ROWID table spills anything over ~1 KB into an overflow page (a unit's state with the
            // audit entry of its latest change is 1-3 KB). Files made before keep their layout.
            command.CommandText = """
                PRAGMA journal_mode=WAL;
                CREATE TABLE IF NOT EXISTS grain_state (
                    id   TEXT PRIMARY KEY,
                    etag INTEGER NOT NULL,
                    data BLOB NOT NULL
                );
                CREATE TABLE IF NOT EXISTS audit (
                    chain     TEXT NOT NULL,
                    seq       INTEGER NOT NULL,
                    at        TEXT NOT NULL,
                    actor     TEXT NOT NULL,
                    action    TEXT NOT NULL,
                    unit_id   TEXT,
                    task_id   TEXT,
                    before    TEXT,
                    after     TEXT,
                    prev_hash TEXT NOT NULL,
                    hash      TEXT NOT NULL,
                    ref       TEXT
                );
                CREATE INDEX IF NOT EXISTS audit_time ON audit(at, chain, seq);
                CREATE INDEX IF NOT EXISTS audit_ref ON audit(ref) WHERE ref IS NOT NULL;
                CREATE INDEX IF NOT EXISTS audit_ref_chain ON audit(chain, seq) WHERE ref IS NOT NULL;
                CREATE INDEX IF NOT EXISTS audit_chain ON audit(chain, seq);
                CREATE TABLE IF NOT EXISTS audit_checkpoint (
                    chain TEXT NOT NULL,
                    seq   INTEGER NOT NULL,
                    hash  TEXT NOT NULL,
                    at    TEXT NOT NULL,
                    scheme    TEXT,
                    mac       TEXT,
                    key_id    TEXT,
                    signature TEXT,
                    PRIMARY KEY (chain, seq)
                ) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS audit_watermark (
                    id    INTEGER PRIMARY KEY,
                    last_rowid INTEGER NOT NULL
                );
                CREATE TABLE IF NOT EXISTS alert_index (
                    part    INTEGER NOT NULL,
                    unit_id TEXT NOT NULL,
                    data    BLOB NOT NULL,
                    PRIMARY KEY (part, unit_id)
                );
                CREATE TABLE IF NOT EXISTS raised_alert (
                    unit_id  TEXT NOT NULL,
                    alert_id TEXT NOT NULL,
                    rule     TEXT NOT NULL,
                    severity INTEGER NOT NULL,
                    task_id  TEXT,
                    fired_at INTEGER NOT NULL,
                    PRIMARY KEY (unit_id, alert_id)
                ) WITHOUT ROWID;
                CREATE INDEX IF NOT EXISTS raised_alert_fired ON raised_alert(fired_at);
                CREATE TABLE IF NOT EXISTS history (
                    day     INTEGER NOT NULL,
                    unit_id TEXT NOT NULL,
                    data    BLOB NOT NULL,
                    PRIMARY KEY (day, unit_id)
                ) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS history_unit (
                    unit_id   TEXT NOT NULL,
                    day       INTEGER NOT NULL,
                    parent_id TEXT,
                    name      TEXT NOT NULL,
                    kind      INTEGER NOT NULL,
                    depth     INTEGER NOT NULL,
                    PRIMARY KEY (unit_id, day)
                ) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS data_protection_key (
                    name TEXT PRIMARY KEY,
                    xml  TEXT NOT NULL
                );
                """;
            command.ExecuteNonQuery();
            SignedCheckpoints(connection);
            SqliteInspectionTables.Create(connection);
        }
        Writer = new SqliteWriter(ConnectionString, settings.Synchronous, settings.MaxBatch);
    }

    /// <summary>Files made before checkpoints were signed gain the columns of the signature (empty: unsigned).</summary>
    private static void SignedCheckpoints(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM pragma_table_info('audit_checkpoint') WHERE name = 'signature';";
        if (Convert.ToInt64(command.ExecuteScalar()) > 0) return;
        command.CommandText = """
            ALTER TABLE audit_checkpoint ADD COLUMN scheme TEXT;
            ALTER TABLE audit_checkpoint ADD COLUMN mac TEXT;
            ALTER TABLE audit_checkpoint ADD COLUMN key_id TEXT;
            ALTER TABLE audit_checkpoint ADD COLUMN signature TEXT;
            """;
        command.ExecuteNonQuery();
    }

    public string ConnectionString { get; }

    internal SqliteWriter Writer { get; }

    /// <summary>A pooled connection for reading (WAL lets readers run beside the writer).</summary>
    public async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>
    /// Opens the file by its path and reads one index page; fails when the file or its folder is
    /// gone or unreadable, or when the writer's latest commit failed (a full disk, an I/O error).
    /// </summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new SqliteConnection(_probeConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM grain_state WHERE id = '';";
            await command.ExecuteScalarAsync(cancellationToken);
        }
        catch (SqliteException error)
        {
            throw new IOException($"The SQLite database {_path} cannot be read: {error.Message}", error);
        }
        if (Writer.LastFailure is { } failure)
            throw new IOException($"The latest write to the SQLite database {_path} failed: {failure.Message}", failure);
    }

    public void Dispose() => Writer.Dispose();
}
