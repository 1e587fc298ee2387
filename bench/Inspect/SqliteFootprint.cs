using Microsoft.Data.Sqlite;

namespace Cascade.Bench.Inspect;

/// <summary>
/// What the product's SQLite file holds, read on a connection of the bench's own: the pages of a
/// table with its indexes (SQLite's <c>dbstat</c>), sums over rows, and the file's size after a
/// checkpoint (the write-ahead log folded into the file, so growth is growth of the file itself).
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

    /// <summary>Bytes of the pages of <paramref name="tables"/> and all their indexes; null when this SQLite has no <c>dbstat</c>.</summary>
    public long? TableBytes(params string[] tables)
    {
        using var connection = Open();
        var total = 0L;
        try
        {
            foreach (var table in tables)
            {
                var trees = new List<string>();
                using (var names = connection.CreateCommand())
                {
                    names.CommandText = "SELECT name FROM sqlite_master WHERE tbl_name = $t AND type IN ('table', 'index');";
                    names.Parameters.AddWithValue("$t", table);
                    using var reader = names.ExecuteReader();
                    while (reader.Read()) trees.Add(reader.GetString(0));
                }
                foreach (var tree in trees)
                {
                    using var pages = connection.CreateCommand();
                    pages.CommandText = "SELECT pgsize FROM dbstat WHERE name = $n AND aggregate = 1;";
                    pages.Parameters.AddWithValue("$n", tree);
                    total += Convert.ToInt64(pages.ExecuteScalar() ?? 0L);
                }
            }
        }
        catch (SqliteException error) when (error.Message.Contains("dbstat", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return total;
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

    /// <summary>The file's size once the log is folded in (<c>wal_checkpoint(TRUNCATE)</c>; if writers kept it busy, the file and the log together).</summary>
    public long FileBytes()
    {
        using (var connection = Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
        }
        return new[] { path, path + "-wal" }.Where(File.Exists).Sum(p => new FileInfo(p).Length);
    }
}
