using Cascade.Audit;
using Cascade.Storage;
using Cascade.Tests.Support;
using Microsoft.Extensions.Options;

namespace Cascade.Tests.Audit;

/// <summary>The SQLite audit store on its own: redelivery, checkpoints, the verifier over what it holds.</summary>
public sealed class AuditStoreTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly SqliteDatabase _database;
    private readonly SqliteAuditStore _store;

    public AuditStoreTests()
    {
        _database = new SqliteDatabase(Options.Create(new SqliteStorageOptions { Path = _folder.File("audit.db") }));
        _store = new SqliteAuditStore(_database);
    }

    private static List<AuditEntry> Chain(string chain, int count)
    {
        var head = AuditChainHead.Empty;
        var entries = new List<AuditEntry>();
        for (var i = 0; i < count; i++)
        {
            var entry = head.Link(new AuditDraft(null, chain, GrainCluster.Start.AddSeconds(i), "tester", AuditActions.TaskUpdate, chain, "t1",
                AuditSnapshots.SignIn($"before {i}"), AuditSnapshots.SignIn($"after {i}")));
            entries.Add(entry);
            head = AuditChainHead.Of(entry);
        }
        return entries;
    }

    [Fact]
    public async Task A_redelivery_appends_only_what_the_store_does_not_hold()
    {
        var entries = Chain("u1", 5);
        Assert.Equal(3, await _store.AppendAsync(entries[..3], redelivered: false));
        Assert.Equal(2, await _store.AppendAsync(entries, redelivered: true));
        Assert.Equal(0, await _store.AppendAsync(entries, redelivered: true));
        var verification = await AuditVerifier.VerifyAsync(_store);
        Assert.True(verification.Ok, verification.Problem);
        Assert.Equal(5, verification.Entries);
    }

    [Fact]
    public async Task A_checkpoint_covers_every_chain_that_grew_since_the_last_and_only_those()
    {
        await _store.AppendAsync(Chain("a", 3), false);
        await _store.AppendAsync(Chain("b", 2), false);
        Assert.Equal(2, await _store.CheckpointAsync(GrainCluster.Start));
        Assert.Equal(0, await _store.CheckpointAsync(GrainCluster.Start));
        await _store.AppendAsync(Chain("c", 1), false);
        Assert.Equal(1, await _store.CheckpointAsync(GrainCluster.Start));
        var latest = (await _store.LatestCheckpointsAsync()).ToDictionary(c => c.Chain, c => c.Seq);
        Assert.Equal(new Dictionary<string, long> { ["a"] = 3, ["b"] = 2, ["c"] = 1 }, latest);
    }

    [Fact]
    public async Task A_chain_deleted_whole_is_found_through_its_checkpoint()
    {
        await _store.AppendAsync(Chain("a", 2), false);
        await _store.AppendAsync(Chain("b", 2), false);
        await _store.CheckpointAsync(GrainCluster.Start);
        await new AuditStore(_folder.File("audit.db")).Execute("DELETE FROM audit WHERE chain = 'b'");
        var verification = await AuditVerifier.VerifyAsync(_store);
        Assert.False(verification.Ok);
        Assert.Equal("b", verification.Chain);
        Assert.Equal(1, verification.FirstBadSeq);
    }

    public void Dispose()
    {
        _database.Dispose();
        _folder.Dispose();
    }
}
