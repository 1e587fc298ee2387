using Cascade.Hosting;
using Cascade.Storage;
using Cascade.Storage.Postgres;
using Cascade.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cascade.Tests.Postgres;

/// <summary>
/// Cascade's schema on PostgreSQL: applied step by step, each once, also by nodes starting
/// together; a node that may not apply it refuses to start and names <c>migrate</c>, which
/// applies it and says so.
/// </summary>
public sealed class PostgresSchemaTests
{
    private static async Task<List<string>> Applied(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT step FROM {PostgresSchema.VersionTable} ORDER BY step", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var steps = new List<string>();
        while (await reader.ReadAsync()) steps.Add(reader.GetString(0));
        return steps;
    }

    private static PostgresDatabase Database(string connectionString, bool applySchema = true) =>
        new(Options.Create(new PostgresOptions { ConnectionString = connectionString, ApplySchema = applySchema }));

    [Fact]
    public async Task Every_step_is_applied_once_even_by_nodes_starting_together()
    {
        var connectionString = Support.Postgres.NewConnectionString();
        var starts = Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            return await PostgresSchema.ApplyAsync(connection);
        }).ToList();
        var applied = (await Task.WhenAll(starts)).SelectMany(s => s).ToList();
        var all = PostgresSchema.Steps.Select(s => s.Name).ToList();
        Assert.Equal(all.Order(), applied.Order());
        Assert.Equal(all, await Applied(connectionString));
        await using var again = new NpgsqlConnection(connectionString);
        await again.OpenAsync();
        Assert.Empty(await PostgresSchema.PendingAsync(again));
        Assert.Empty(await PostgresSchema.ApplyAsync(again));
    }

    [Fact]
    public async Task The_orleans_step_gives_the_providers_every_statement_they_ask_for()
    {
        using var database = Support.Postgres.NewDatabase();
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new HashSet<string>();
        while (await reader.ReadAsync()) keys.Add(reader.GetString(0));
        string[] expected =
        [
            "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey", "MembershipReadRowKey",
            "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey", "CleanupDefunctSiloEntriesKey",
            "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey",
            "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
            "DeleteReminderRowKey", "DeleteReminderRowsKey",
        ];
        Assert.Equal(expected.Order(), keys.Order());
    }

    [Fact]
    public async Task A_node_that_may_not_apply_the_schema_refuses_to_start_and_names_migrate()
    {
        var connectionString = Support.Postgres.NewConnectionString();
        using var database = Database(connectionString, applySchema: false);
        var check = new PostgresCheck(database, NullLogger<PostgresCheck>.Instance);
        var refused = await Assert.ThrowsAsync<StorageUnavailableException>(() => check.StartingAsync(CancellationToken.None));
        Assert.Contains("migrate", refused.Message);
        Assert.Contains("ApplySchema", refused.Message);
        Assert.Contains("001-orleans", refused.Message);

        using var allowed = Database(connectionString);
        await new PostgresCheck(allowed, NullLogger<PostgresCheck>.Instance).StartingAsync(CancellationToken.None);
        Assert.Equal(PostgresSchema.Steps.Select(s => s.Name), await Applied(connectionString));
        await check.StartingAsync(CancellationToken.None); // up to date now: the careful node starts
    }

    [Fact]
    public async Task Migrate_applies_what_is_missing_and_then_finds_nothing_to_do()
    {
        var connectionString = Support.Postgres.NewConnectionString();
        string[] args = [MigrateCommand.Name, "--Cascade:Storage:Provider=postgres", $"--Cascade:Storage:Postgres:ConnectionString={connectionString}"];
        var output = new StringWriter();
        Assert.Equal(0, await MigrateCommand.RunAsync(args, output, TextWriter.Null));
        Assert.Contains($"applied {PostgresSchema.Steps.Count} step(s)", output.ToString());
        Assert.Equal(PostgresSchema.Steps.Select(s => s.Name), await Applied(connectionString));
        output = new StringWriter();
        Assert.Equal(0, await MigrateCommand.RunAsync(args, output, TextWriter.Null));
        Assert.Contains("up to date", output.ToString());
    }

    [Fact]
    public async Task Migrate_says_why_it_cannot_run()
    {
        var error = new StringWriter();
        Assert.Equal(2, await MigrateCommand.RunAsync([MigrateCommand.Name, "--Cascade:Storage:Provider=sqlite"], TextWriter.Null, error));
        Assert.Contains("Cascade:Storage:Provider=postgres", error.ToString());
        error = new StringWriter();
        var nobody = $"Host=127.0.0.1;Port={Testing.FreePort.Next()};Database=x;Username=x;Timeout=2";
        Assert.Equal(1, await MigrateCommand.RunAsync(
            [MigrateCommand.Name, "--Cascade:Storage:Provider=postgres", $"--Cascade:Storage:Postgres:ConnectionString={nobody}"], TextWriter.Null, error));
        Assert.Contains("migrate failed", error.ToString());
        error = new StringWriter();
        Assert.Equal(1, await MigrateCommand.RunAsync([MigrateCommand.Name, "--Cascade:Storage:Provider=postgres"], TextWriter.Null, error));
        Assert.Contains(PostgresOptions.ConnectionStringSetting, error.ToString());
    }
}
