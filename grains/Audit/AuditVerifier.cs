using System.Text.Json;

namespace Cascade.Audit;

/// <summary>
/// Walks every chain: each entry must sit at the next seq, name the previous entry's hash and
/// hash to its own <c>hash</c>; then the chain must still reach its newest checkpoint with the
/// same hash there, so entries deleted from the end are found as well as changed ones.
/// </summary>
public static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(IAuditStore store)
    {
        var checkpoints = (await store.LatestCheckpointsAsync()).ToDictionary(c => c.Chain, StringComparer.Ordinal);
        long entries = 0;
        foreach (var chain in await store.ListChainsAsync())
        {
            var seq = 0L;
            var prevHash = AuditEntry.Genesis;
            var hashes = new Dictionary<long, string>();
            checkpoints.TryGetValue(chain, out var checkpoint);
            await foreach (var entry in store.ReadChainAsync(chain))
            {
                entries++;
                seq++;
                if (entry.Seq != seq)
                    return Bad(entries, chain, seq, $"entry {seq} is missing (the next stored entry is {entry.Seq}).");
                if (entry.PrevHash != prevHash)
                    // An entry that still hashes to its own hash kept its content: then the one before it
                    // was changed and given a new hash, which is what broke the link.
                    return HashMatches(entry)
                        ? Bad(entries, chain, seq - 1, $"entry {seq - 1} was changed and rehashed: entry {seq} names its original hash.")
                        : Bad(entries, chain, seq, $"entry {seq} was changed: it does not name the hash of entry {seq - 1}.");
                if (!HashMatches(entry))
                    return Bad(entries, chain, seq, $"entry {seq} was changed: its content does not hash to its hash.");
                if (checkpoint is not null && entry.Seq == checkpoint.Seq && entry.Hash != checkpoint.Hash)
                    return Bad(entries, chain, seq, $"entry {seq} differs from the checkpoint of {checkpoint.At}.");
                prevHash = entry.Hash;
            }
            if (checkpoint is not null && checkpoint.Seq > seq)
                return Bad(entries, chain, seq + 1, $"entries {seq + 1} to {checkpoint.Seq} are missing: the checkpoint of {checkpoint.At} saw them.");
        }
        return new AuditVerification(true, entries, null, null, null);
    }

    private static bool HashMatches(AuditEntry entry)
    {
        try
        {
            return entry.ComputeHash() == entry.Hash;
        }
        catch (JsonException)
        {
            return false; // before or after is no longer JSON at all
        }
    }

    private static AuditVerification Bad(long entries, string chain, long seq, string problem) =>
        new(false, entries, seq, chain, problem);
}
