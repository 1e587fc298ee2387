using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Cascade.Tests.Support;

namespace Cascade.Tests.Web;

/// <summary>
/// The product on Azure Table Storage (Azurite), in a real process: what it answered 2xx is there
/// after a kill -9 and a new start, the organization's wake reminder is stored (durable, unlike the
/// embedded mode's in-memory one), the key ring in storage still opens the first run's token, and
/// /readyz probes the Azure storage.
/// </summary>
[Collection(Cascade.Tests.E2E.Serial.Name)]
public sealed class AzureTableRestartTests
{
    [Fact]
    public async Task A_write_on_azure_table_storage_survives_a_kill_and_a_restart()
    {
        using var azurite = new Azurite();
        using var folder = new TempDirectory();
        var prefix = Azurite.NewPrefix();
        var port = FreePort.Next();
        // A restarted node keeps its silo address, as in production: it then supersedes its own
        // entry in the membership table instead of waiting for the dead silo to be voted out.
        string[] settings = [.. azurite.Arguments(prefix), $"--Cascade:Cluster:SiloPort={FreePort.Next()}", $"--Cascade:Cluster:GatewayPort={FreePort.Next()}"];
        string token;
        await using (var first = await WebProcess.StartAsync(folder.Path, folder.File("unused.db"), port, settings))
        {
            var client = first.Client;
            (await client.PostAsJsonAsync("/api/v1/units", new { id = "kjt", parentId = (string?)null, name = "科技厅", kind = "partyGroup" })).EnsureSuccessStatusCode();
            (await client.PostAsJsonAsync("/api/v1/units", new { id = "bgs", parentId = "kjt", name = "办公室党支部", kind = "branch" })).EnsureSuccessStatusCode();
            (await client.PostAsJsonAsync("/api/v1/units/bgs/tasks", new { id = "t1", title = "学习", track = "party", start = "2026-01-01", due = "2026-12-31" })).EnsureSuccessStatusCode();
            (await client.PatchAsJsonAsync("/api/v1/units/bgs/tasks/t1", new { progress = 60, note = "过半" })).EnsureSuccessStatusCode();
            token = first.AdminToken!;
            await Eventually.True(async () => await Rows(azurite, prefix + "Reminders", r => r.RowKey.Contains("wake")) == 1, "the wake reminder is stored");
            Assert.True(await Rows(azurite, prefix + "Keys", _ => true) >= 1, "the key ring is in the storage");
            Assert.False(File.Exists(folder.File("unused.db")), "nothing went to SQLite");
            await first.KillAsync();
        }

        await using var second = await WebProcess.StartAsync(folder.Path, folder.File("unused.db"), port, settings);
        second.Client.DefaultRequestHeaders.Authorization = new("Bearer", token); // issued by the first run
        var task = await second.Client.GetFromJsonAsync<JsonElement>("/api/v1/units/bgs/tasks/t1");
        Assert.Equal(60, task.GetProperty("progress").GetInt32());
        Assert.Equal("过半", task.GetProperty("note").GetString());
        var summary = await second.Client.GetFromJsonAsync<JsonElement>("/api/v1/units/kjt/summary");
        Assert.Equal(0.6, summary.GetProperty("all").GetProperty("progress").GetDouble(), 3);
        var audit = await second.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/audit?unit=bgs");
        Assert.Equal(["task.update", "task.create", "unit.create"], audit!.Select(e => e.GetProperty("action").GetString()));
        var ready = await second.Client.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.Equal("ok", ready.GetProperty("checks").GetProperty("storage").GetString());
        var verify = await second.Client.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
        Assert.True(verify.GetProperty("ok").GetBoolean(), verify.GetRawText());
    }

    private static async Task<int> Rows(Azurite azurite, string table, Func<TableEntity, bool> match)
    {
        var client = new TableClient(azurite.ConnectionString, table);
        var count = 0;
        try
        {
            await foreach (var row in client.QueryAsync<TableEntity>()) if (match(row)) count++;
        }
        catch (Azure.RequestFailedException missing) when (missing.Status == 404) { }
        return count;
    }
}
