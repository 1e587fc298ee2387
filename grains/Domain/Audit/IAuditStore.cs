namespace Cascade.Audit;

/// <summary>
/// Where audit entries and checkpoints are kept. Each chain has one writer (its
/// <see cref="IAuditChainGrain"/>), so the store only has to keep what it is given in order.
/// </summary>
public interface IAuditStore
{
    /// <summary>The newest entry of a chain written through its chain grain (its entries carry refs), or null.</summary>
    Task<AuditEntry?> GetHeadAsync(string chain);
    /// <summary>Which of <paramref name="refs"/> the chain already holds.</summary>
    Task<IReadOnlySet<string>> FindRefsAsync(string chain, IReadOnlyCollection<string> refs);
    /// <summary>
    /// Appends consecutive entries of one chain in one transaction and answers how many. When
    /// <paramref name="redelivered"/>, entries the store already holds (the same chain, seq and
    /// time) are skipped, so delivering the same entries again is harmless.
    /// </summary>
    Task<int> AppendAsync(IReadOnlyList<AuditEntry> entries, bool redelivered);
    /// <summary>
    /// Records, as of <paramref name="at"/>, the newest entry of every chain that grew since the
    /// last checkpoint, signed by <paramref name="key"/>; answers how many chains that was.
    /// </summary>
    Task<int> CheckpointAsync(DateTimeOffset at, AuditKey key);
    /// <summary>
    /// Stores the signed checkpoints that seal each chain's plain-SHA-256 entries (the first start
    /// with a key, <see cref="AuditMigration"/>) and drops every unsigned checkpoint, which no
    /// longer counts.
    /// </summary>
    Task SealAsync(IReadOnlyList<AuditCheckpoint> seals);

    /// <summary>Newest first, at most <see cref="AuditQuery.Limit"/>.</summary>
    Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query);
    /// <summary>Every entry, chain by chain (ordinal order of their names), each chain in order of seq.</summary>
    IAsyncEnumerable<AuditEntry> ReadAllAsync();
    /// <summary>The newest checkpoint of each chain.</summary>
    Task<IReadOnlyList<AuditCheckpoint>> LatestCheckpointsAsync();
    /// <summary>Every checkpoint held, chain by chain (ordinal order of their names), each chain's in order of seq.</summary>
    IAsyncEnumerable<AuditCheckpoint> ReadCheckpointsAsync();
}
