namespace Cascade.Audit;

/// <summary>
/// Where audit entries and checkpoints are kept. Each chain has one writer (its
/// <see cref="IAuditChainGrain"/>), so the store only has to keep what it is given in order.
/// </summary>
public interface IAuditStore
{
    /// <summary>The chain's newest entry, or null for a chain with none.</summary>
    Task<AuditEntry?> GetHeadAsync(string chain);
    /// <summary>Which of <paramref name="refs"/> the chain already holds.</summary>
    Task<IReadOnlySet<string>> FindRefsAsync(string chain, IReadOnlyCollection<string> refs);
    /// <summary>
    /// Appends consecutive entries of one chain in one transaction. A place (chain, seq) already
    /// taken keeps what it holds, so delivering the same entries again is harmless; answers how
    /// many were new.
    /// </summary>
    Task<int> AppendAsync(IReadOnlyList<AuditEntry> entries);
    /// <summary>
    /// Records, as of <paramref name="at"/>, the newest entry of every chain that grew since the
    /// last checkpoint; answers how many chains that was.
    /// </summary>
    Task<int> CheckpointAsync(DateTimeOffset at);

    /// <summary>Newest first, at most <see cref="AuditQuery.Limit"/>.</summary>
    Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query);
    /// <summary>Every chain name, in ordinal order.</summary>
    Task<IReadOnlyList<string>> ListChainsAsync();
    /// <summary>One chain's entries in stored order of seq.</summary>
    IAsyncEnumerable<AuditEntry> ReadChainAsync(string chain);
    /// <summary>The newest checkpoint of each chain.</summary>
    Task<IReadOnlyList<AuditCheckpoint>> LatestCheckpointsAsync();
}
