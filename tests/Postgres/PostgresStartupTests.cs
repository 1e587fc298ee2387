using Cascade.Testing;
using Cascade.Tests.Support;

namespace Cascade.Tests.Postgres;

/// <summary>
/// A node whose PostgreSQL cannot be used does not start: after retrying a server that does not
/// answer (for Cascade:Storage:Postgres:ConnectTimeout), or at once for a missing or malformed
/// connection string, a database that does not exist, or a schema it may not apply, it exits with
/// 1 and one message that names what to change, and no stack trace.
/// </summary>
[Collection(Cascade.Tests.E2E.Serial.Name)]
public sealed class PostgresStartupTests
{
    private const string Setting = "Cascade:Storage:Postgres:ConnectionString";

    private static async Task<string> RefusesToStart(params string[] settings)
    {
        using var folder = new TempDirectory();
        var (exitCode, output) = await WebProcess.RunUntilExitAsync(folder.Path, folder.File("cascade.db"), TimeSpan.FromSeconds(60),
            ["--Cascade:Storage:Provider=postgres", $"--Cascade:Audit:Key={PostgresServer.AuditKeyText}", "--Cascade:Storage:Postgres:ConnectTimeout=00:00:03", .. settings]);
        Assert.True(exitCode == 1, $"exit code {exitCode}:\n{output}");
        Assert.DoesNotContain(output.Split('\n'), line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain("Unhandled exception", output);
        Assert.False(File.Exists(folder.File("cascade.db")), "nothing went to SQLite");
        return output;
    }

    [Fact]
    public async Task A_server_that_does_not_answer_is_retried_then_the_node_refuses_to_start_naming_the_setting()
    {
        var output = await RefusesToStart($"--{Setting}=Host=127.0.0.1;Port={FreePort.Next()};Database=cascade;Username=cascade");
        Assert.Contains(Setting, output);
        Assert.Contains("does not answer", output); // the warning of each retry
        Assert.Contains("did not answer within 00:00:03", output);
    }

    [Fact]
    public async Task A_missing_or_malformed_connection_string_stops_the_start_at_once()
    {
        Assert.Contains("is empty", await RefusesToStart());
        var malformed = await RefusesToStart($"--{Setting}=Host=127.0.0.1;Colour=blue");
        Assert.Contains("is not an Npgsql connection string", malformed);
        Assert.DoesNotContain("does not answer", malformed);
    }

    [Fact]
    public async Task A_database_that_does_not_exist_is_refused_at_once()
    {
        var output = await RefusesToStart($"--{Setting}={Support.Postgres.Server.ConnectionString("nowhere")}");
        Assert.Contains(Setting, output);
        Assert.Contains("refused", output);
        Assert.Contains("nowhere", output);
        Assert.DoesNotContain("does not answer", output);
    }

    [Fact]
    public async Task A_node_that_may_not_apply_the_schema_refuses_to_start_and_names_migrate()
    {
        var output = await RefusesToStart($"--{Setting}={Support.Postgres.NewConnectionString()}", "--Cascade:Storage:Postgres:ApplySchema=false");
        Assert.Contains("-- migrate", output);
        Assert.Contains("001-orleans", output);
    }
}
