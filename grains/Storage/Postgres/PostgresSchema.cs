using System.Reflection;
using Npgsql;

namespace Cascade.Storage.Postgres;

/// <summary>
/// Cascade's schema on PostgreSQL as numbered steps (the embedded <c>Schema/*.sql</c>, applied in
/// the order of their names, each once): the tables and statements Orleans' ADO.NET providers
/// read their queries from, then Cascade's own tables. <see cref="VersionTable"/> records each
/// step applied, so a newer Cascade applies only the steps it adds. Steps run under one advisory
/// lock, so nodes starting together apply each step once.
/// </summary>
public static class PostgresSchema
{
    public const string VersionTable = "cascade_schema";

    /// <summary>Any number that identifies Cascade's migration lock among the database's advisory locks.</summary>
    private const long LockKey = 0x43617363616465; // "Cascade"

    private const string Prefix = "Cascade.Storage.Postgres.Schema.";

    /// <summary>Every step this build knows, in order: its name (the file name without .sql) and its SQL.</summary>
    public static IReadOnlyList<(string Name, string Sql)> Steps { get; } = Load();

    private static List<(string Name, string Sql)> Load()
    {
        var assembly = typeof(PostgresSchema).Assembly;
        return assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[Prefix.Length..^4], Read(assembly, n))).ToList();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The steps the database has not applied yet (all of them on an empty database).</summary>
    public static async Task<IReadOnlyList<string>> PendingAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        var applied = await AppliedAsync(connection, cancellationToken);
        return Steps.Select(s => s.Name).Where(n => !applied.Contains(n)).ToList();
    }

    /// <summary>Applies every pending step, each in a transaction of its own; answers the names applied.</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        var done = new List<string>();
        await using (var setup = new NpgsqlCommand(
            $"CREATE TABLE IF NOT EXISTS {VersionTable} (step text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());", connection))
        {
            // Two nodes creating the table at once: one of them fails on the catalog's unique index; the lock below orders the rest.
            await using var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_lock({LockKey});", connection);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
            try
            {
                await setup.ExecuteNonQueryAsync(cancellationToken);
                var applied = await AppliedAsync(connection, cancellationToken);
                foreach (var (name, sql) in Steps)
                {
                    if (applied.Contains(name)) continue;
                    await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                    await using (var step = new NpgsqlCommand(sql, connection, transaction)) await step.ExecuteNonQueryAsync(cancellationToken);
                    await using (var record = new NpgsqlCommand($"INSERT INTO {VersionTable}(step) VALUES (@step);", connection, transaction))
                    {
                        record.Parameters.AddWithValue("step", name);
                        await record.ExecuteNonQueryAsync(cancellationToken);
                    }
                    await transaction.CommitAsync(cancellationToken);
                    done.Add(name);
                }
            }
            finally
            {
                await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey});", connection);
                await unlock.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
        return done;
    }

    private static async Task<HashSet<string>> AppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL;", connection);
        exists.Parameters.AddWithValue("table", VersionTable);
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!) return [];
        await using var command = new NpgsqlCommand($"SELECT step FROM {VersionTable};", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken)) names.Add(reader.GetString(0));
        return names;
    }
}
