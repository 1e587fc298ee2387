using Cascade.Audit;

namespace Cascade.Tests.Audit;

/// <summary>Direct access to a product's stored audit trail, past the product, to play the attacker.</summary>
public abstract class StoredTrail
{
    /// <summary>Gives entry <paramref name="seq"/> another actor and, when given, another hash.</summary>
    public abstract Task SetActor(string chain, long seq, string actor, string? hash = null);

    /// <summary>Replaces text inside the stored <c>after</c> of an entry.</summary>
    public abstract Task ReplaceInAfter(string chain, long seq, string text, string replacement);

    /// <summary>Deletes the entries from <paramref name="fromSeq"/> to <paramref name="toSeq"/> (to the end when null).</summary>
    public abstract Task Delete(string chain, long fromSeq = 1, long? toSeq = null);

    /// <summary>The seq of the chain's newest checkpoint, 0 when none.</summary>
    public abstract Task<long> CheckpointSeq(string chain);

    /// <summary>Puts <paramref name="entry"/> in place of the stored entry of its chain and seq.</summary>
    public abstract Task Replace(AuditEntry entry);

    /// <summary>Gives the chain's checkpoint at <paramref name="seq"/> another hash, unsigned as checkpoints were before the key.</summary>
    public abstract Task SetCheckpointHash(string chain, long seq, string hash);

    /// <summary>Deletes the chain's checkpoints from <paramref name="fromSeq"/> on.</summary>
    public abstract Task DeleteCheckpoints(string chain, long fromSeq);

    /// <summary>Adds a checkpoint as the code before the audit key wrote it: no scheme, no signature.</summary>
    public abstract Task AddUnsignedCheckpoint(AuditCheckpoint checkpoint);

    /// <summary>
    /// Rewrites the chain from <paramref name="seq"/> on as the code before the key would have:
    /// entry <paramref name="seq"/> changed, it and every later entry given the plain SHA-256 of
    /// their content and linked again, and the checkpoints given the new hashes.
    /// </summary>
    public async Task RewriteWithPlainHashes(IAuditStore store, string chain, long seq, Func<AuditEntry, AuditEntry> change)
    {
        var entries = new List<AuditEntry>();
        await foreach (var entry in store.ReadAllAsync())
            if (entry.Chain == chain) entries.Add(entry);
        var checkpoints = new List<AuditCheckpoint>();
        await foreach (var checkpoint in store.ReadCheckpointsAsync())
            if (checkpoint.Chain == chain) checkpoints.Add(checkpoint);
        var prevHash = entries.Single(e => e.Seq == seq).PrevHash;
        foreach (var entry in entries.Where(e => e.Seq >= seq).OrderBy(e => e.Seq))
        {
            var forged = (entry.Seq == seq ? change(entry) : entry) with { PrevHash = prevHash };
            forged = forged with { Hash = forged.PlainHash() };
            await Replace(forged);
            foreach (var checkpoint in checkpoints.Where(c => c.Seq == entry.Seq)) await SetCheckpointHash(chain, entry.Seq, forged.Hash);
            prevHash = forged.Hash;
        }
    }
}
