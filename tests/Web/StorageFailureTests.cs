using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Cascade.Tests.Support;

namespace Cascade.Tests.Web;

/// <summary>
/// A write the storage did not take answers 503 with Retry-After, never 2xx: when another writer
/// moved the grain's stored state (its ETag), and when the storage stops answering under a burst
/// of writes. The next write after the first case reloads what storage holds and succeeds.
/// </summary>
public sealed class StorageFailureTests : IDisposable
{
    private sealed class App(Dictionary<string, string?> settings) : ApiApp(settings);

    private readonly Azurite _azurite = new();
    private readonly string _prefix = Azurite.NewPrefix();
    private readonly App _app;

    public StorageFailureTests()
    {
        var settings = _azurite.Settings(_prefix);
        settings["shutdownTimeoutSeconds"] = "5"; // a silo whose storage is gone cannot leave the cluster cleanly
        _app = new App(settings);
    }

    public void Dispose()
    {
        try
        {
            _app.Dispose();
        }
        catch (OperationCanceledException) when (_storageLost)
        {
            // The silo could not mark itself dead in a membership table that no longer exists.
        }
        finally
        {
            _azurite.Dispose();
        }
    }

    private bool _storageLost;

    private async Task<HttpClient> UnitWithTask(string unit)
    {
        var admin = await _app.Client();
        await admin.CreateUnit(unit);
        await admin.CreateTask(unit, "t1");
        return admin;
    }

    private static async Task AssertUnavailable(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_write_whose_stored_state_moved_under_it_answers_503_then_the_next_succeeds()
    {
        var unit = Api.Id("etag");
        var admin = await UnitWithTask(unit);
        var states = new TableClient(_azurite.ConnectionString, _prefix + "GrainState");
        var rows = new List<TableEntity>();
        await foreach (var row in states.QueryAsync<TableEntity>()) if (row.PartitionKey.EndsWith("_unit_" + unit, StringComparison.Ordinal)) rows.Add(row);
        var stored = Assert.Single(rows);
        await states.UpdateEntityAsync(new TableEntity(stored.PartitionKey, stored.RowKey), stored.ETag, TableUpdateMode.Merge); // a second writer

        await AssertUnavailable(await admin.Patch(Api.Task(unit, "t1"), Api.Json(new { progress = 30 })));
        (await admin.Patch(Api.Task(unit, "t1"), Api.Json(new { progress = 40 }))).EnsureSuccessStatusCode();
        var task = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/units/{unit}/tasks/t1");
        Assert.Equal(40, task.GetProperty("progress").GetInt32());
        Assert.Equal(2, task.GetProperty("version").GetInt64()); // the refused write left no trace
    }

    [Fact]
    public async Task Writes_while_the_storage_is_down_answer_503_and_never_2xx()
    {
        var unit = Api.Id("down");
        var admin = await UnitWithTask(unit);
        _azurite.Stop();
        var started = DateTime.UtcNow;
        var answers = await Task.WhenAll(Enumerable.Range(1, 4).Select(p => admin.Patch(Api.Task(unit, "t1"), Api.Json(new { progress = p * 10 }))));
        foreach (var answer in answers) await AssertUnavailable(answer);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30), "answered before Orleans' call timeout");
        _storageLost = true;
    }
}
