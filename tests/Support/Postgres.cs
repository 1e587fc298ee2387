using Cascade.Storage.Postgres;
using Cascade.Testing;
using Microsoft.Extensions.Options;

namespace Cascade.Tests.Support;

/// <summary>
/// One PostgreSQL server for the whole test run, started on first use and stopped when the run
/// ends (<see cref="PostgresServer"/>); every store test gets a database of its own on it, with
/// Cascade's schema applied. Tests that stop or kill the server start one of their own.
/// </summary>
public static class Postgres
{
    private static readonly Lazy<PostgresServer> Shared = new(() => new PostgresServer());

    public static PostgresServer Server => Shared.Value;

    /// <summary>A connection string to a new, empty database on the shared server.</summary>
    public static string NewConnectionString() => Server.ConnectionString(Server.NewDatabase());

    /// <summary>A new database with Cascade's schema, as a node would use it.</summary>
    public static PostgresDatabase NewDatabase(Action<PostgresOptions>? configure = null)
    {
        var options = new PostgresOptions { ConnectionString = NewConnectionString() };
        configure?.Invoke(options);
        var database = new PostgresDatabase(Options.Create(options));
        using var connection = database.Source.OpenConnection();
        PostgresSchema.ApplyAsync(connection).GetAwaiter().GetResult();
        return database;
    }
}
