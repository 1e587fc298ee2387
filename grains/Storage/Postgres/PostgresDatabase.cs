using Microsoft.Extensions.Options;
using Npgsql;

namespace Cascade.Storage.Postgres;

/// <summary>
/// The node's one pool of connections to PostgreSQL (an <see cref="NpgsqlDataSource"/>), shared by
/// Orleans' ADO.NET providers (membership, grain state, reminders) and Cascade's own stores. Made
/// on first use, so a malformed connection string is reported by <see cref="PostgresCheck"/>
/// with the setting's name instead of failing the composition of services.
/// </summary>
public sealed class PostgresDatabase(IOptions<PostgresOptions> options) : IStorageProbe, IDisposable
{
    /// <summary>Connections a node opens at most, unless the connection string says otherwise.</summary>
    public const int DefaultMaxPoolSize = 32;

    private NpgsqlDataSource? _source;

    public PostgresOptions Settings => options.Value;

    public NpgsqlDataSource Source => LazyInitializer.EnsureInitialized(ref _source, () => Create(options.Value.ConnectionString));

    /// <summary>An open connection from the pool.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        await Source.OpenConnectionAsync(cancellationToken);

    /// <summary>For <c>/readyz</c>: one round trip that reads the schema's version, which needs the server, the credentials and the schema.</summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM {PostgresSchema.VersionTable};", connection);
            await command.ExecuteScalarAsync(cancellationToken);
        }
        catch (Exception error) when (error is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            throw new IOException($"PostgreSQL at {Where} cannot be read: {error.Message}", error);
        }
    }

    /// <summary>Host, port and database of the connection string, never its password.</summary>
    public string Where
    {
        get
        {
            try
            {
                var b = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString);
                return $"{b.Host}:{b.Port}/{b.Database}";
            }
            catch (ArgumentException)
            {
                return "(malformed connection string)";
            }
        }
    }

    private static NpgsqlDataSource Create(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new StorageUnavailableException($"{PostgresOptions.ConnectionStringSetting} is empty; Cascade:Storage:Provider=postgres needs it.");
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception error) when (error is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new StorageUnavailableException(
                $"{PostgresOptions.ConnectionStringSetting} is not an Npgsql connection string ({error.Message}). " +
                "For example: Host=127.0.0.1;Port=5432;Database=cascade;Username=cascade;Password=<its password>");
        }
        // Npgsql's builder answers ContainsKey for every keyword it knows; what the operator set is
        // read from the string itself.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Given(params string[] keys) => keys.Any(given.ContainsKey);
        // A write that hangs fails inside a grain call's timeout, so the caller gets a 503
        // instead of a call that times out while the write may still land.
        if (!Given("Command Timeout", "CommandTimeout")) builder.CommandTimeout = 15;
        if (!Given("Timeout")) builder.Timeout = 5;
        // Npgsql's default of 100 connections a node would let two nodes exhaust a server's default
        // max_connections (100) under load, where a few dozen commit as fast: past that, calls wait
        // for a connection (up to Timeout) instead of being refused by the server.
        if (!Given("Maximum Pool Size", "Max Pool Size", "MaxPoolSize")) builder.MaxPoolSize = DefaultMaxPoolSize;
        Tune(builder, Given);
        return new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
    }

    /// <summary>
    /// What every write pays less for (the bench's cluster runs measure it): no session reset when
    /// a connection goes back to the pool (a <c>DISCARD ALL</c>, a transaction of its own before
    /// each use: Cascade never changes a session's settings and takes advisory locks for a
    /// transaction or releases them itself), and statements used again and again prepared once
    /// per connection (the grain-state write, the audit append).
    /// </summary>
    public static void Tune(NpgsqlConnectionStringBuilder builder, Func<string[], bool> given)
    {
        if (!given(["No Reset On Close", "NoResetOnClose"])) builder.NoResetOnClose = true;
        if (!given(["Max Auto Prepare", "MaxAutoPrepare"])) builder.MaxAutoPrepare = 32;
    }

    public void Dispose() => _source?.Dispose();
}
