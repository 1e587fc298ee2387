using Microsoft.Data.Sqlite;

namespace Cascade.Bench.Inspect;

/// <summary>
/// What the product's SQLite file holds, read on a connection of the bench's own: sums over rows,
/// and the file's size and pages in use after a checkpoint (the write-ahead log folded into the
/// file). The bundled SQLite has no <c>dbstat</c>, so a table's own pages cannot be told apart:
/// growth in use over a phase is every table's.
/// </summary>
public sealed class SqliteFootprint(string path)
{
    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 60,
        }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>The file after a checkpoint: its size, and the bytes of its pages in use (page count less the free list).</summary>
    public readonly record struct Size(long File, long Used);

    /// <summary>
    /// The file's size once the log is folded in (<c>wal_checkpoint(TRUNCATE)</c>; the log's size is
    /// added if writers kept it from being emptied) and the bytes of the pages in use: growth of the
    /// latter is what new rows took, whatever free pages the file had.
    /// </summary>
    public Size Measure()
    {
        using var connection = Open();
        long Pragma(string name)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA {name};";
            return Convert.ToInt64(command.ExecuteScalar());
        }
        _ = Pragma("wal_checkpoint(TRUNCATE)");
        var used = (Pragma("page_count") - Pragma("freelist_count")) * Pragma("page_size");
        return new Size(new[] { path, path + "-wal" }.Where(File.Exists).Sum(p => new FileInfo(p).Length), used);
    }

    /// <summary>One row of numbers from <paramref name="sql"/> (with <c>$p</c> bound to <paramref name="parameter"/>).</summary>
    public long[] Numbers(string sql, object parameter)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$p", parameter);
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return [];
        var values = new long[reader.FieldCount];
        for (var i = 0; i < values.Length; i++) values[i] = reader.IsDBNull(i) ? 0 : Convert.ToInt64(reader.GetValue(i));
        return values;
    }
}
