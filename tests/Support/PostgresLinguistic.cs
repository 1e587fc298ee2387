using Cascade.Storage.Postgres;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cascade.Tests.Support;

/// <summary>
/// A database on the shared test server whose default collation is linguistic (ICU's en-US, where
/// "a" sorts before "B"), as a production database made with a language's locale is; the test
/// server's own databases sort bytes (C), so only here can an order that forgot <c>COLLATE "C"</c> differ.
/// </summary>
public static class PostgresLinguistic
{
    public static PostgresDatabase NewDatabase()
    {
        var name = "l" + Guid.NewGuid().ToString("N")[..12];
        using (var server = new NpgsqlConnection(Postgres.Server.ConnectionString()))
        {
            server.Open();
            using var create = new NpgsqlCommand(
                $"CREATE DATABASE {name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C' ENCODING 'UTF8'", server);
            create.ExecuteNonQuery();
        }
        var database = new PostgresDatabase(Options.Create(new PostgresOptions { ConnectionString = Postgres.Server.ConnectionString(name) }));
        using var connection = database.Source.OpenConnection();
        using (var check = new NpgsqlCommand("SELECT 'a' < 'B';", connection))
            if (!(bool)check.ExecuteScalar()!) throw new InvalidOperationException($"The database {name} does not sort linguistically.");
        PostgresSchema.ApplyAsync(connection).GetAwaiter().GetResult();
        return database;
    }
}
