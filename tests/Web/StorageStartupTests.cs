using System.Net;
using Cascade.Tests.Support;

namespace Cascade.Tests.Web;

/// <summary>
/// A node whose Azure Table Storage cannot be used does not start: after retrying a storage that
/// does not answer (for Cascade:Storage:AzureTable:ConnectTimeout), or at once for a malformed or
/// refused connection string, it exits with 1 and one message that names the setting, and no
/// stack trace. A storage that comes up while it waits is used.
/// </summary>
[Collection(Cascade.Tests.E2E.Serial.Name)]
public sealed class StorageStartupTests
{
    private const string Setting = "Cascade:Storage:AzureTable:ConnectionString";
    private const string AuditKey = $"--Cascade:Audit:Key={Azurite.AuditKeyText}";

    private static Task<string> RefusesToStart(params string[] settings) => RefusesToStart(TimeSpan.FromSeconds(3), settings);

    private static async Task<string> RefusesToStart(TimeSpan connectTimeout, params string[] settings)
    {
        using var folder = new TempDirectory();
        var (exitCode, output) = await WebProcess.RunUntilExitAsync(folder.Path, folder.File("cascade.db"), TimeSpan.FromSeconds(60),
            ["--Cascade:Storage:Provider=azureTable", AuditKey, $"--Cascade:Storage:AzureTable:ConnectTimeout={connectTimeout}", .. settings]);
        Assert.True(exitCode == 1, $"exit code {exitCode}:\n{output}");
        Assert.Contains(Setting, output);
        Assert.DoesNotContain(output.Split('\n'), line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain("Unhandled exception", output);
        return output;
    }

    [Fact]
    public async Task An_unreachable_storage_is_retried_then_the_node_refuses_to_start_naming_the_setting()
    {
        var output = await RefusesToStart(TimeSpan.FromSeconds(8), $"--{Setting}={Azurite.ConnectionStringFor(FreePort.Next())}");
        Assert.Contains("does not answer", output); // the warning of each retry
        Assert.Contains("did not answer within 00:00:08", output);
    }

    [Fact]
    public async Task A_malformed_connection_string_stops_the_start_at_once()
    {
        var output = await RefusesToStart($"--{Setting}=not a connection string");
        Assert.Contains("is not an Azure Storage connection string", output);
    }

    [Fact]
    public async Task A_missing_connection_string_stops_the_start()
    {
        var output = await RefusesToStart();
        Assert.Contains("is empty", output);
    }

    [Fact]
    public async Task A_wrong_account_key_is_refused_at_once()
    {
        using var azurite = new Azurite();
        var wrongKey = Convert.ToBase64String(new byte[64]);
        var output = await RefusesToStart($"--{Setting}={Azurite.ConnectionStringFor(azurite.Port, wrongKey)}");
        Assert.Contains("refused", output);
        Assert.DoesNotContain("does not answer", output);
    }

    /// <summary>Nodes that each made a key of their own would write chains the others cannot verify.</summary>
    [Fact]
    public async Task Without_an_audit_key_a_node_on_a_shared_store_refuses_to_start_naming_the_setting()
    {
        using var azurite = new Azurite();
        using var folder = new TempDirectory();
        var (exitCode, output) = await WebProcess.RunUntilExitAsync(folder.Path, folder.File("cascade.db"), TimeSpan.FromSeconds(60),
            [.. azurite.Arguments(Azurite.NewPrefix()).Where(a => !a.StartsWith("--Cascade:Audit:", StringComparison.Ordinal))]);
        Assert.True(exitCode == 1, $"exit code {exitCode}:\n{output}");
        Assert.Contains("Cascade:Audit:Key", output);
        Assert.DoesNotContain(output.Split('\n'), line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.False(File.Exists(folder.File("keys/audit.key")), "no key is made for a shared store");
    }

    [Fact]
    public async Task A_storage_that_comes_up_while_the_node_waits_is_used()
    {
        using var folder = new TempDirectory();
        var port = FreePort.Next();
        var starting = WebProcess.StartAsync(folder.Path, folder.File("cascade.db"),
            ["--Cascade:Storage:Provider=azureTable", AuditKey, $"--{Setting}={Azurite.ConnectionStringFor(port)}",
             $"--Cascade:Storage:AzureTable:TablePrefix={Azurite.NewPrefix()}", "--Cascade:Storage:AzureTable:ConnectTimeout=00:00:40"]);
        await Task.Delay(TimeSpan.FromSeconds(3)); // the node is retrying meanwhile
        using var azurite = Azurite.OnPort(port);
        await using var web = await starting;
        Assert.Contains("does not answer", web.Output);
        (await web.Client.GetAsync("/api/v1/units")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await web.Client.GetAsync("/healthz")).StatusCode);
    }
}
