using Microsoft.Extensions.Logging;

namespace Cascade.Audit;

/// <summary>
/// Walks every chain in one ordered pass, in bounded memory: the entries stream chain by chain,
/// and each chain's checkpoints are read beside them as the walk reaches the chain. Each entry
/// must sit at the next seq, name the previous entry's hash and hash to its own under the audit
/// key (<see cref="AuditChainWalk"/>); every checkpoint must be signed by the key and still match
/// the chain, so entries deleted from the end are found as well as changed ones. Chains are
/// taken in ordinal order of their names.
/// </summary>
public static partial class AuditVerifier
{
    /// <summary>How many entries between two progress lines in the log, by default.</summary>
    public const long ProgressEvery = 1_000_000;

    public static async Task<AuditVerification> VerifyAsync(IAuditStore store, AuditKey key, ILogger? logger = null, long progressEvery = ProgressEvery)
    {
        await using var checkpoints = new ChainGroups(store.ReadCheckpointsAsync());
        var walk = new AuditChainWalk(key);
        string? chain = null;
        await foreach (var entry in store.ReadAllAsync())
        {
            if (entry.Chain != chain)
            {
                if (walk.Finish() is { } unfinished) return unfinished;
                // Checkpointed chains that sort before this one have no entry left at all.
                await foreach (var (gone, held) in checkpoints.Before(entry.Chain))
                    if (walk.Start(gone, held).Finish() is { } missing) return missing;
                chain = entry.Chain;
                if (walk.Start(chain, await checkpoints.Of(chain)).Problem is { } broken) return broken;
            }
            if (walk.Next(entry) is { } bad) return bad;
            if (logger is not null && walk.Entries % progressEvery == 0) LogProgress(logger, walk.Entries, entry.Chain);
        }
        if (walk.Finish() is { } last) return last;
        await foreach (var (gone, held) in checkpoints.Before(null))
            if (walk.Start(gone, held).Finish() is { } missing) return missing;
        if (logger is not null) LogDone(logger, walk.Entries);
        return new AuditVerification(true, walk.Entries, null, null, null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Verifying the audit trail: {Entries} entries checked, now at chain {Chain}")]
    private static partial void LogProgress(ILogger logger, long entries, string chain);

    [LoggerMessage(Level = LogLevel.Information, Message = "Verified the audit trail: {Entries} entries, every checkpoint signed and matched")]
    private static partial void LogDone(ILogger logger, long entries);

    /// <summary>A stream of checkpoints in chain order, taken one chain's group at a time.</summary>
    private sealed class ChainGroups(IAsyncEnumerable<AuditCheckpoint> checkpoints) : IAsyncDisposable
    {
        private readonly IAsyncEnumerator<AuditCheckpoint> _next = checkpoints.GetAsyncEnumerator();
        private bool? _more;

        /// <summary>The checkpoints of <paramref name="chain"/>, once the groups before it were taken.</summary>
        public async Task<List<AuditCheckpoint>> Of(string chain)
        {
            var group = new List<AuditCheckpoint>();
            while (await More() && _next.Current.Chain == chain)
            {
                group.Add(_next.Current);
                _more = null;
            }
            return group;
        }

        /// <summary>The groups of the chains that sort before <paramref name="chain"/> (all that are left when null).</summary>
        public async IAsyncEnumerable<(string Chain, List<AuditCheckpoint> Checkpoints)> Before(string? chain)
        {
            while (await More() && (chain is null || string.CompareOrdinal(_next.Current.Chain, chain) < 0))
            {
                var name = _next.Current.Chain;
                yield return (name, await Of(name));
            }
        }

        private async ValueTask<bool> More() => _more ??= await _next.MoveNextAsync();

        public ValueTask DisposeAsync() => _next.DisposeAsync();
    }
}
