using Cascade.Storage;
using Cascade.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cascade.Hosting;

/// <summary>
/// <c>migrate</c>: brings the PostgreSQL schema up to this build and exits, for operators who
/// apply schema changes themselves (with <c>Cascade:Storage:Postgres:ApplySchema=false</c> the
/// nodes then never change the schema). It reads the same settings as a node (appsettings,
/// environment, command line). Answers 0 when the schema is up to date, 1 when the database
/// cannot be used, 2 when the provider is not PostgreSQL.
/// </summary>
public static class MigrateCommand
{
    public const string Name = "migrate";

    public static bool Requested(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var configuration = Host.CreateApplicationBuilder(args[1..]).Configuration;
        if (!StorageOptions.From(configuration).IsPostgres)
        {
            await error.WriteLineAsync(
                "migrate applies Cascade's PostgreSQL schema: set Cascade:Storage:Provider=postgres and Cascade:Storage:Postgres:ConnectionString. " +
                "SQLite and Azure Table Storage need no migration (a node creates what it needs).");
            return 2;
        }
        var options = configuration.GetSection(PostgresOptions.Section).Get<PostgresOptions>() ?? new();
        using var database = new PostgresDatabase(Options.Create(options));
        try
        {
            await using var connection = await database.OpenAsync();
            var pending = await PostgresSchema.PendingAsync(connection);
            if (pending.Count == 0)
            {
                await output.WriteLineAsync($"PostgreSQL at {database.Where}: the schema is up to date ({PostgresSchema.Steps.Count} steps).");
                return 0;
            }
            await output.WriteLineAsync($"PostgreSQL at {database.Where}: applying {string.Join(", ", pending)} ...");
            var applied = await PostgresSchema.ApplyAsync(connection);
            await output.WriteLineAsync($"PostgreSQL at {database.Where}: applied {applied.Count} step(s); the schema is up to date.");
            return 0;
        }
        catch (Exception failure) when (failure is StorageUnavailableException or NpgsqlException or TimeoutException)
        {
            await error.WriteLineAsync($"migrate failed at PostgreSQL {database.Where}: {failure.Message}");
            return 1;
        }
    }
}
