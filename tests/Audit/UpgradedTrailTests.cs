using Cascade.Identity;
using System.Net;
using Cascade.Audit;
using Cascade.Storage.Sqlite;
using Cascade.Tests.Support;
using Cascade.Tests.Web;
using Microsoft.Extensions.Options;

namespace Cascade.Tests.Audit;

/// <summary>
/// A node started on a database whose trail was written before the audit key (plain SHA-256,
/// unsigned checkpoints): its first start seals the old chains, verify says ok, and the chains
/// go on under the key, the users chain from where the old code left it.
/// </summary>
public sealed class UpgradedTrailTests
{
    private sealed class App() : ApiApp(new Dictionary<string, string?> { ["Cascade:Audit:CheckpointEvery"] = "00:00:00.050" });

    /// <summary>Entries as the code before the key linked them; users' entries carry refs, as their chain grain gives them.</summary>
    private static List<AuditEntry> Legacy(string chain, int count)
    {
        var entries = new List<AuditEntry>();
        var head = AuditChainHead.Empty;
        for (var i = 1; i <= count; i++)
        {
            var draft = new AuditDraft(chain == AuditChains.Users ? Guid.NewGuid().ToString("N") : null, chain, GrainCluster.Start.AddDays(-1).AddSeconds(i),
                "admin", AuditActions.TaskUpdate, chain == AuditChains.Users ? null : chain, null, null, IdentitySnapshots.SignIn($"old {i}"));
            var entry = head.Link(draft, TestKeys.Sha256);
            entry = entry with { Hash = entry.PlainHash() };
            entries.Add(entry);
            head = AuditChainHead.Of(entry);
        }
        return entries;
    }

    [Fact]
    public async Task A_trail_written_before_the_key_verifies_after_the_upgrade_and_goes_on_under_the_key()
    {
        await using var app = new App();
        using (var database = new SqliteDatabase(Options.Create(new SqliteStorageOptions { Path = app.DatabasePath })))
        {
            var store = new SqliteAuditStore(database);
            var users = Legacy(AuditChains.Users, 3);
            await store.AppendAsync(users, false);
            await store.AppendAsync(Legacy("oldunit", 4), false);
            await new SqliteTrail(app.DatabasePath).AddUnsignedCheckpoint(new AuditCheckpoint(AuditChains.Users, 3, users[^1].Hash, users[^1].At));
        }

        using var admin = await app.Client(); // the node starts: the admin's creation and sign-in go on the users chain
        await Eventually.True(() => Task.FromResult(app.Logs.Messages.Any(m => m.Contains("Sealed the plain SHA-256 entries of 2 audit chains"))),
            "the first start seals both old chains");
        var unit = Api.Id("upgraded");
        await admin.CreateUnit(unit);
        await admin.CreateTask(unit, "t1");
        await Eventually.True(async () => (await Verify(admin)).GetProperty("entries").GetInt64() >= 7 + 2 + 2,
            "the old entries, the new unit's and the users chain's new ones");
        var verification = await Verify(admin);
        Assert.True(verification.GetProperty("ok").GetBoolean(), verification.GetRawText());

        var trail = app.Services.GetService(typeof(IAuditStore)) as IAuditStore;
        var usersChain = new List<AuditEntry>();
        await foreach (var entry in trail!.ReadAllAsync())
            if (entry.Chain == AuditChains.Users) usersChain.Add(entry);
        Assert.True(usersChain.Count > 3, "the users chain went on after the old entries");
        Assert.All(usersChain.Where(e => e.Seq > 3), e => Assert.Equal(e.ComputeHash(app.Services.GetService(typeof(AuditKey)) as AuditKey ?? throw new InvalidOperationException()), e.Hash));
    }

    private static async Task<System.Text.Json.JsonElement> Verify(HttpClient admin) =>
        await (await admin.GetAsync("/api/v1/audit/verify")).Expect(HttpStatusCode.OK);
}
