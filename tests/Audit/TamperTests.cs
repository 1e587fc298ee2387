using System.Net;
using System.Text.Json;
using Cascade.Audit;
using Cascade.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Cascade.Tests.Web;

namespace Cascade.Tests.Audit;

/// <summary>
/// Someone with access to the store edits, rehashes or deletes stored entries: verify names the
/// chain and the first bad seq, and says ok again once the trail is restored. Each test
/// damages its own product's store; every store must pass. The product writes an anchor line
/// at every checkpoint pass, to a file outside the store.
/// </summary>
public abstract class TamperTests : IAsyncLifetime
{
    /// <summary>Checkpoints every 50 ms.</summary>
    private sealed class App(Dictionary<string, string?> settings) : ApiApp(settings);

    private readonly App _app;
    private readonly StoredTrail _store;
    private readonly TempDirectory _outside = new();

    protected TamperTests(Dictionary<string, string?> settings, Func<CascadeApp, StoredTrail> trail)
    {
        settings["Cascade:Audit:CheckpointEvery"] = "00:00:00.050";
        settings["Cascade:Audit:AnchorFile"] = AnchorFile;
        settings["Cascade:Audit:AnchorEvery"] = "00:00:00.050";
        _app = new App(settings);
        _store = trail(_app);
    }

    private string AnchorFile => _outside.File("audit.anchor");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _outside.Dispose();
    }

    /// <summary>A unit whose chain has six entries, all checkpointed.</summary>
    private async Task<(HttpClient Admin, string Chain)> Chain()
    {
        var admin = await _app.Client();
        var unit = Api.Id("tamper");
        await admin.CreateUnit(unit);
        await admin.CreateTask(unit, "t1");
        for (var p = 1; p <= 4; p++)
            (await admin.Patch(Api.Task(unit, "t1"), Api.Json(new { progress = p * 20 }))).EnsureSuccessStatusCode();
        await Eventually.True(async () => await _store.CheckpointSeq(unit) == 6,
            "the chain's six entries are checkpointed");
        await AssertOk(admin);
        return (admin, unit);
    }

    [Fact]
    public async Task A_changed_entry_is_found_by_its_seq()
    {
        var (admin, chain) = await Chain();
        await _store.SetActor(chain, 3, "mallory");
        await AssertBad(admin, chain, 3);
        await _store.SetActor(chain, 3, "admin");
        await AssertOk(admin);

        await _store.ReplaceInAfter(chain, 4, "\"progress\":40", "\"progress\":100");
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
        await _store.SetActor(chain, 3, "mallory", forged.PlainHash());
        await AssertBad(admin, chain, 3);
    }

    [Fact]
    public async Task A_deleted_entry_is_found_by_its_seq()
    {
        var (admin, chain) = await Chain();
        await _store.Delete(chain, 2, 2);
        await AssertBad(admin, chain, 2);
    }

    [Fact]
    public async Task Deleting_the_newest_entries_is_found_through_the_checkpoint()
    {
        var (admin, chain) = await Chain();
        await _store.Delete(chain, 5);
        await AssertBad(admin, chain, 5);
    }

    /// <summary>
    /// The old hash had no secret: change entry 3, give it and every later entry the plain
    /// SHA-256 of their content, and the checkpoints the new hashes, and the old verify said ok.
    /// </summary>
    [Fact]
    public async Task A_chain_rewritten_with_the_public_hash_and_its_checkpoints_is_found_at_the_entry()
    {
        var (admin, chain) = await Chain();
        await _store.RewriteWithPlainHashes(_app.Services.GetRequiredService<IAuditStore>(), chain, 3, e => e with { Actor = "mallory" });
        await AssertBad(admin, chain, 3);
    }

    /// <summary>
    /// What is left is a consistent, shorter chain whose remaining checkpoints all hold, which the
    /// old verify (and today's without the anchors) takes as whole; the anchor line written while
    /// the checkpoint of entry 6 was there no longer matches.
    /// </summary>
    [Fact]
    public async Task Deleting_the_newest_checkpoint_and_the_tail_is_found_by_the_anchor()
    {
        var (admin, chain) = await Chain();
        var lines = File.Exists(AnchorFile) ? File.ReadAllLines(AnchorFile).Length : 0;
        await Eventually.True(() => Task.FromResult(File.ReadAllLines(AnchorFile).Length > lines + 1), "an anchor line covers the checkpoint of entry 6");
        await AssertOk(admin, anchors: true);

        await _store.DeleteCheckpoints(chain, 5);
        await _store.Delete(chain, 5);
        await AssertOk(admin);
        var result = await (await admin.GetAsync("/api/v1/audit/verify?anchors=true")).Expect(HttpStatusCode.OK);
        Assert.False(result.GetProperty("ok").GetBoolean(), result.GetRawText());
        Assert.Contains("anchor file", result.GetProperty("problem").GetString());
    }

    private static async Task AssertOk(HttpClient admin, bool anchors = false)
    {
        var result = await (await admin.GetAsync($"/api/v1/audit/verify{(anchors ? "?anchors=true" : "")}")).Expect(HttpStatusCode.OK);
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

public sealed class SqliteTamperTests() : TamperTests([], app => new SqliteTrail(app.DatabasePath));

/// <summary>On Azurite, each test under tables of its own.</summary>
public sealed class AzureTableTamperTests : TamperTests, IClassFixture<Azurite>
{
    public AzureTableTamperTests(Azurite azurite) : this(azurite, Azurite.NewPrefix()) { }

    private AzureTableTamperTests(Azurite azurite, string prefix)
        : base(azurite.Settings(prefix), _ => new AzureTableTrail(azurite.ConnectionString, prefix)) { }
}

/// <summary>On PostgreSQL, each test in a database of its own on the run's shared server.</summary>
public sealed class PostgresTamperTests : TamperTests
{
    public PostgresTamperTests() : this(Support.Postgres.Server.NewDatabase()) { }

    private PostgresTamperTests(string database)
        : base(Support.Postgres.Server.Settings(database), app => new PostgresTrail(app.Services.GetRequiredService<Cascade.Storage.Postgres.PostgresDatabase>())) { }
}
