using Cascade.Identity;
using Cascade.Audit;
using Cascade.Storage.AzureTables;
using Cascade.Storage.Postgres;
using Cascade.Storage.Sqlite;
using Cascade.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cascade.Tests.Audit;

/// <summary>
/// A trail under the audit key, on each store: a trail written before the key (plain SHA-256,
/// unsigned checkpoints) is sealed and goes on under the key; a chain rewritten with the public
/// hash after that, a checkpoint changed, or a chain's tail deleted with its checkpoints is found.
/// Every store must pass.
/// </summary>
public abstract class KeyedTrailTests(IAuditStore store, StoredTrail trail) : IDisposable
{
    private static readonly DateTimeOffset Start = GrainCluster.Start;
    private readonly TempDirectory _folder = new();
    private readonly IAuditStore _store = store;

    public void Dispose()
    {
        Release();
        _folder.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>What the store's test class holds beside the store.</summary>
    protected virtual void Release() { }

    /// <summary>Entries <paramref name="from"/> to <paramref name="to"/> after <paramref name="head"/>, as the code before the key made them when <paramref name="key"/> is null.</summary>
    private static List<AuditEntry> Entries(string chain, int from, int to, AuditKey? key, AuditChainHead? head = null)
    {
        var entries = new List<AuditEntry>();
        head ??= AuditChainHead.Empty;
        for (var i = from; i <= to; i++)
        {
            var entry = head.Link(new AuditDraft(null, chain, Start.AddSeconds(i), "tester", AuditActions.TaskUpdate, chain, "t1",
                IdentitySnapshots.SignIn($"before {i}"), IdentitySnapshots.SignIn($"after {i}")), key ?? TestKeys.Sha256);
            if (key is null) entry = entry with { Hash = entry.PlainHash() };
            entries.Add(entry);
            head = AuditChainHead.Of(entry);
        }
        return entries;
    }

    /// <summary>Chains a (3 entries) and b (2) as the code before the key left them, checkpoints included.</summary>
    private async Task<AuditChainHead> LegacyTrail()
    {
        var a = Entries("a", 1, 3, null);
        await _store.AppendAsync(a, false);
        await _store.AppendAsync(Entries("b", 1, 2, null), false);
        await trail.AddUnsignedCheckpoint(new AuditCheckpoint("a", 3, a[^1].Hash, AuditEntry.FormatTime(Start)));
        return AuditChainHead.Of(a[^1]);
    }

    private async Task<AuditVerification> Verify(AuditKey? key = null) => await AuditVerifier.VerifyAsync(_store, key ?? TestKeys.Sha256);

    private static void AssertBad(AuditVerification verification, string chain, long seq)
    {
        Assert.False(verification.Ok, "verify said ok");
        Assert.Equal((chain, (long?)seq), (verification.Chain, verification.FirstBadSeq));
    }

    [Fact]
    public async Task A_trail_from_before_the_key_is_sealed_and_goes_on_under_the_key()
    {
        var head = await LegacyTrail();
        Assert.False((await Verify()).Ok); // plain hashes and an unsigned checkpoint, before the seal
        Assert.Equal(2, await AuditMigration.SealAsync(_store, TestKeys.Sha256, Start.AddMinutes(1)));
        var sealedTrail = await Verify();
        Assert.True(sealedTrail.Ok, sealedTrail.Problem);
        Assert.Equal(5, sealedTrail.Entries);

        await _store.AppendAsync(Entries("a", 4, 6, TestKeys.Sha256, head), false);
        await _store.CheckpointAsync(Start.AddMinutes(2), TestKeys.Sha256);
        var grown = await Verify();
        Assert.True(grown.Ok, grown.Problem);
        Assert.Equal(8, grown.Entries);
        Assert.Equal(0, await AuditMigration.SealAsync(_store, TestKeys.Sha256, Start.AddMinutes(3))); // once only
    }

    [Fact]
    public async Task A_chain_rewritten_as_legacy_after_the_seal_is_found_at_the_entry()
    {
        var head = await LegacyTrail();
        await AuditMigration.SealAsync(_store, TestKeys.Sha256, Start.AddMinutes(1));
        await _store.AppendAsync(Entries("a", 4, 6, TestKeys.Sha256, head), false);
        await _store.CheckpointAsync(Start.AddMinutes(2), TestKeys.Sha256);

        await trail.RewriteWithPlainHashes(_store, "a", 5, e => e with { Actor = "mallory" });
        var verification = await Verify();
        AssertBad(verification, "a", 5);
        Assert.Contains("plain SHA-256", verification.Problem);
    }

    [Fact]
    public async Task Every_checkpoint_is_checked_not_only_the_newest()
    {
        var first = Entries("a", 1, 3, TestKeys.Sha256);
        await _store.AppendAsync(first, false);
        await _store.CheckpointAsync(Start, TestKeys.Sha256);
        await _store.AppendAsync(Entries("a", 4, 6, TestKeys.Sha256, AuditChainHead.Of(first[^1])), false);
        await _store.CheckpointAsync(Start.AddMinutes(1), TestKeys.Sha256);
        Assert.True((await Verify()).Ok);

        await trail.SetCheckpointHash("a", 3, new string('1', 64));
        var verification = await Verify();
        AssertBad(verification, "a", 3);
        Assert.Contains("not signed", verification.Problem);
    }

    [Fact]
    public async Task Sm3_is_recorded_in_the_checkpoints_so_verify_uses_it()
    {
        var entries = Entries("a", 1, 4, TestKeys.Sm3);
        Assert.All(entries, e => Assert.Equal(e.ComputeHash(AuditSchemes.HmacSm3, TestKeys.Sm3), e.Hash));
        await _store.AppendAsync(entries, false);
        await _store.CheckpointAsync(Start, TestKeys.Sm3);
        Assert.Equal(AuditSchemes.HmacSm3, (await _store.LatestCheckpointsAsync()).Single().Scheme);
        var verification = await Verify(TestKeys.Sm3);
        Assert.True(verification.Ok, verification.Problem);
        // A node set to sha256 since: the checkpoint says how entries 1-4 were hashed.
        Assert.True((await Verify(TestKeys.Sha256)).Ok);
        // Past the newest checkpoint, entries are taken as the node's own algorithm.
        await _store.AppendAsync(Entries("a", 5, 5, TestKeys.Sm3, AuditChainHead.Of(entries[^1])), false);
        AssertBad(await Verify(TestKeys.Sha256), "a", 5);
    }

    [Fact]
    public async Task Deleting_a_tail_with_its_checkpoints_is_found_by_the_anchor()
    {
        var anchors = new AuditAnchors(Options.Create(new AuditOptions { AnchorFile = _folder.File("anchors/audit.anchor") }),
            TestKeys.Sha256, NullLogger<AuditAnchors>.Instance);
        var first = Entries("a", 1, 3, TestKeys.Sha256);
        await _store.AppendAsync(first, false);
        await _store.AppendAsync(Entries("b", 1, 2, TestKeys.Sha256), false);
        await _store.CheckpointAsync(Start, TestKeys.Sha256);
        Assert.Equal(2, (await anchors.AppendAsync(_store, Start)).Chains);
        await _store.AppendAsync(Entries("a", 4, 6, TestKeys.Sha256, AuditChainHead.Of(first[^1])), false);
        await _store.CheckpointAsync(Start.AddMinutes(1), TestKeys.Sha256);
        await anchors.AppendAsync(_store, Start.AddMinutes(1));
        Assert.Null(await anchors.VerifyAsync(_store, 8));

        await trail.Delete("a", 5);
        await trail.DeleteCheckpoints("a", 5);
        Assert.True((await Verify()).Ok); // the rest of the trail is consistent: only the anchor knows
        var anchored = await anchors.VerifyAsync(_store, 6);
        Assert.NotNull(anchored);
        Assert.Contains("line 2 of the anchor file", anchored.Problem);
    }

    [Fact]
    public async Task Verify_logs_its_progress_every_so_many_entries()
    {
        await _store.AppendAsync(Entries("a", 1, 5, TestKeys.Sha256), false);
        await _store.AppendAsync(Entries("b", 1, 4, TestKeys.Sha256), false);
        using var logs = new CollectedLogs();
        var verification = await AuditVerifier.VerifyAsync(_store, TestKeys.Sha256, logs.CreateLogger("verify"), progressEvery: 4);
        Assert.True(verification.Ok, verification.Problem);
        Assert.Equal(["4 entries checked, now at chain a", "8 entries checked, now at chain b", "Verified the audit trail: 9 entries"],
            logs.Messages.Select(m => m.Contains("checked") ? m[(m.IndexOf("trail: ", StringComparison.Ordinal) + 7)..] : m[(m.IndexOf("Verified", StringComparison.Ordinal))..m.IndexOf(", every", StringComparison.Ordinal)]));
    }

    [Fact]
    public async Task An_anchor_line_changed_in_the_file_is_not_signed()
    {
        var file = _folder.File("audit.anchor");
        var anchors = new AuditAnchors(Options.Create(new AuditOptions { AnchorFile = file }), TestKeys.Sha256, NullLogger<AuditAnchors>.Instance);
        await _store.AppendAsync(Entries("a", 1, 2, TestKeys.Sha256), false);
        await _store.CheckpointAsync(Start, TestKeys.Sha256);
        var anchor = await anchors.AppendAsync(_store, Start);
        await File.WriteAllTextAsync(file, (anchor with { Chains = 0 }).Line + "\n");
        Assert.Contains("line 1 of the anchor file is not signed", (await anchors.VerifyAsync(_store, 2))!.Problem);
    }
}

public sealed class SqliteKeyedTrailTests : KeyedTrailTests
{
    private readonly SqliteDatabase _database;
    private readonly TempDirectory _files;

    public SqliteKeyedTrailTests() : this(new TempDirectory()) { }

    private SqliteKeyedTrailTests(TempDirectory files) : this(files, new SqliteDatabase(Options.Create(new SqliteStorageOptions { Path = files.File("audit.db") }))) { }

    private SqliteKeyedTrailTests(TempDirectory files, SqliteDatabase database)
        : base(new SqliteAuditStore(database), new SqliteTrail(files.File("audit.db"))) => (_files, _database) = (files, database);

    protected override void Release()
    {
        _database.Dispose();
        _files.Dispose();
    }
}

/// <summary>On Azurite, each test under tables of its own.</summary>
public sealed class AzureTableKeyedTrailTests(Azurite azurite)
    : KeyedTrailTests(Store(azurite, out var prefix), new AzureTableTrail(azurite.ConnectionString, prefix)), IClassFixture<Azurite>
{
    private static AzureTableAuditStore Store(Azurite azurite, out string prefix)
    {
        prefix = Azurite.NewPrefix();
        return new AzureTableAuditStore(new AzureTables(Options.Create(new AzureTableOptions { ConnectionString = azurite.ConnectionString, TablePrefix = prefix })));
    }
}

/// <summary>On the tests' PostgreSQL server, each test in a database of its own.</summary>
public sealed class PostgresKeyedTrailTests : KeyedTrailTests
{
    private readonly PostgresDatabase _database;
    private readonly PostgresAuditStore _store;

    public PostgresKeyedTrailTests() : this(Support.Postgres.NewDatabase()) { }

    private PostgresKeyedTrailTests(PostgresDatabase database) : this(database, new PostgresAuditStore(database)) { }

    private PostgresKeyedTrailTests(PostgresDatabase database, PostgresAuditStore store)
        : base(store, new PostgresTrail(database)) => (_database, _store) = (database, store);

    protected override void Release()
    {
        _store.Dispose();
        _database.Dispose();
    }
}
