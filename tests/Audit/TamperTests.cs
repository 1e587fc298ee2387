using System.Net;
using System.Text.Json;
using Cascade.Audit;
using Cascade.Tests.Support;
using Cascade.Tests.Web;

namespace Cascade.Tests.Audit;

/// <summary>
/// Someone with the database file edits, rehashes or deletes stored entries: verify names the
/// chain and the first bad seq, and says ok again once the trail is restored. Each test
/// damages its own product's store.
/// </summary>
public sealed class TamperTests : IAsyncLifetime
{
    /// <summary>Checkpoints every 50 ms.</summary>
    private sealed class App() : ApiApp(new() { ["Cascade:Audit:CheckpointEvery"] = "00:00:00.050" });

    private readonly App _app = new();
    private AuditStore _store = null!;

    public Task InitializeAsync()
    {
        _store = new AuditStore(_app.DatabasePath);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A unit whose chain has six entries, all checkpointed.</summary>
    private async Task<(HttpClient Admin, string Chain)> Chain()
    {
        var admin = await _app.Client();
        var unit = Api.Id("tamper");
        await admin.CreateUnit(unit);
        await admin.CreateTask(unit, "t1");
        for (var p = 1; p <= 4; p++)
            (await admin.Patch(Api.Task(unit, "t1"), Api.Json(new { progress = p * 20 }))).EnsureSuccessStatusCode();
        await Eventually.True(async () => await _store.Scalar("SELECT COUNT(*) FROM audit_checkpoint WHERE chain = $c AND seq = 6", ("$c", unit)) == 1,
            "the chain's six entries are checkpointed");
        await AssertOk(admin);
        return (admin, unit);
    }

    [Fact]
    public async Task A_changed_entry_is_found_by_its_seq()
    {
        var (admin, chain) = await Chain();
        await _store.Execute("UPDATE audit SET actor = 'mallory' WHERE chain = $c AND seq = 3", ("$c", chain));
        await AssertBad(admin, chain, 3);
        await _store.Execute("UPDATE audit SET actor = 'admin' WHERE chain = $c AND seq = 3", ("$c", chain));
        await AssertOk(admin);

        await _store.Execute("UPDATE audit SET after = replace(after, '\"progress\":40', '\"progress\":100') WHERE chain = $c AND seq = 4", ("$c", chain));
        await AssertBad(admin, chain, 4);
    }

    [Fact]
    public async Task A_changed_and_rehashed_entry_is_found_by_its_seq()
    {
        var (admin, chain) = await Chain();
        var entries = JsonSerializer.Deserialize<JsonElement[]>(await admin.GetStringAsync($"/api/v1/audit?unit={chain}"))!;
        var third = entries.Single(e => e.GetProperty("seq").GetInt64() == 3);
        var forged = new AuditEntry(chain, 3, third.GetProperty("at").GetString()!, "mallory", "task.update", chain, "t1",
            CanonicalJson.Normalize(third.GetProperty("before").GetRawText()), CanonicalJson.Normalize(third.GetProperty("after").GetRawText()), third.GetProperty("prevHash").GetString()!, "", null);
        await _store.Execute("UPDATE audit SET actor = 'mallory', hash = $h WHERE chain = $c AND seq = 3", ("$c", chain), ("$h", forged.ComputeHash()));
        await AssertBad(admin, chain, 3);
    }

    [Fact]
    public async Task A_deleted_entry_is_found_by_its_seq()
    {
        var (admin, chain) = await Chain();
        await _store.Execute("DELETE FROM audit WHERE chain = $c AND seq = 2", ("$c", chain));
        await AssertBad(admin, chain, 2);
    }

    [Fact]
    public async Task Deleting_the_newest_entries_is_found_through_the_checkpoint()
    {
        var (admin, chain) = await Chain();
        await _store.Execute("DELETE FROM audit WHERE chain = $c AND seq >= 5", ("$c", chain));
        await AssertBad(admin, chain, 5);
    }

    private static async Task AssertOk(HttpClient admin)
    {
        var result = await (await admin.GetAsync("/api/v1/audit/verify")).Expect(HttpStatusCode.OK);
        Assert.True(result.GetProperty("ok").GetBoolean(), result.GetRawText());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("firstBadSeq").ValueKind);
    }

    private static async Task AssertBad(HttpClient admin, string chain, long seq)
    {
        var result = await (await admin.GetAsync("/api/v1/audit/verify")).Expect(HttpStatusCode.OK);
        Assert.False(result.GetProperty("ok").GetBoolean());
        Assert.Equal(chain, result.GetProperty("chain").GetString());
        Assert.Equal(seq, result.GetProperty("firstBadSeq").GetInt64());
    }
}
