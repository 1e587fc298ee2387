using Cascade.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Cascade.Tests.Unit;

/// <summary>The writer's prepared commands keep their parameters from row to row, and a row that forgets one fails.</summary>
public sealed class SqliteBindingTests
{
    private static SqliteConnection Open()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE t(a TEXT NOT NULL, b INTEGER);";
        create.ExecuteNonQuery();
        return connection;
    }

    [Fact]
    public void Rows_reuse_the_commands_parameters_and_keep_their_own_values()
    {
        using var connection = Open();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO t(a, b) VALUES ($a, $b);";
        insert.Bind("$a", "first");
        insert.Bind("$b", 1L);
        insert.ExecuteNonQuery();
        var kept = insert.Parameters[0];

        SqliteBinding.Reset(insert);
        insert.Bind("$a", "second");
        insert.Bind("$b", DBNull.Value);
        insert.ExecuteNonQuery();

        Assert.Equal(2, insert.Parameters.Count);
        Assert.Same(kept, insert.Parameters[0]);
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT a, b FROM t ORDER BY rowid;";
        using var reader = read.ExecuteReader();
        var rows = new List<(string, object)>();
        while (reader.Read()) rows.Add((reader.GetString(0), reader.GetValue(1)));
        Assert.Equal([("first", (object)1L), ("second", DBNull.Value)], rows);
    }

    [Fact]
    public void A_row_that_forgets_a_parameter_fails_and_writes_nothing()
    {
        using var connection = Open();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO t(a, b) VALUES ($a, $b);";
        insert.Bind("$a", "first");
        insert.Bind("$b", 1L);
        insert.ExecuteNonQuery();

        SqliteBinding.Reset(insert);
        insert.Bind("$a", "second"); // $b forgotten: it must not keep the first row's 1
        Assert.ThrowsAny<Exception>(() => insert.ExecuteNonQuery());

        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM t;";
        Assert.Equal(1L, count.ExecuteScalar());
    }
}
