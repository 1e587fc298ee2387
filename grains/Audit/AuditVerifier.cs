namespace Cascade.Audit;

/// <summary>
/// Walks every chain in one ordered pass: each entry must sit at the next seq, name the
/// previous entry's hash and hash to its own <c>hash</c>; then the chain must still reach its
/// newest checkpoint with the same hash there, so entries deleted from the end are found as
/// well as changed ones. Chains are taken in ordinal order of their names.
/// </summary>
public static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(IAuditStore store)
    {
        var checkpoints = (await store.LatestCheckpointsAsync()).ToDictionary(c => c.Chain, StringComparer.Ordinal);
        var walk = new Walk(checkpoints);
        await foreach (var entry in store.ReadAllAsync())
            if (walk.Next(entry) is { } bad) return bad;
        return walk.End() ?? new AuditVerification(true, walk.Entries, null, null, null);
    }

    /// <summary>The state of the pass: the chain being walked and where it got to.</summary>
    private sealed class Walk(Dictionary<string, AuditCheckpoint> checkpoints)
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private string? _chain;
        private long _seq;
        private string _prevHash = AuditEntry.Genesis;

        public long Entries { get; private set; }

        public AuditVerification? Next(AuditEntry entry)
        {
            if (entry.Chain != _chain)
            {
                if (Finish() is { } unfinished) return unfinished;
                (_chain, _seq, _prevHash) = (entry.Chain, 0, AuditEntry.Genesis);
                _seen.Add(entry.Chain);
            }
            Entries++;
            var seq = ++_seq;
            checkpoints.TryGetValue(entry.Chain, out var checkpoint);
            if (entry.Seq != seq)
                return Bad(seq, entry.Seq < seq
                    ? $"entry {entry.Seq} appears twice."
                    : $"entry {seq} is missing (the next stored entry is {entry.Seq}).");
            if (entry.PrevHash != _prevHash)
                // An entry that still hashes to its own hash kept its content: then the one before it
                // was changed and given a new hash, which is what broke the link.
                return entry.ComputeHash() == entry.Hash
                    ? Bad(seq - 1, $"entry {seq - 1} was changed and rehashed: entry {seq} names its original hash.")
                    : Bad(seq, $"entry {seq} was changed: it does not name the hash of entry {seq - 1}.");
            if (entry.ComputeHash() != entry.Hash)
                return Bad(seq, $"entry {seq} was changed: its content does not hash to its hash.");
            if (checkpoint is not null && entry.Seq == checkpoint.Seq && entry.Hash != checkpoint.Hash)
                return Bad(seq, $"entry {seq} differs from the checkpoint of {checkpoint.At}.");
            _prevHash = entry.Hash;
            return null;
        }

        /// <summary>After the last entry: the last chain's end, and chains whose every entry is gone.</summary>
        public AuditVerification? End()
        {
            if (Finish() is { } bad) return bad;
            foreach (var checkpoint in checkpoints.Values.Where(c => !_seen.Contains(c.Chain)).OrderBy(c => c.Chain, StringComparer.Ordinal))
            {
                _chain = checkpoint.Chain;
                return Bad(1, $"entries 1 to {checkpoint.Seq} are missing: the checkpoint of {checkpoint.At} saw them.");
            }
            return null;
        }

        /// <summary>The chain just walked must reach its newest checkpoint.</summary>
        private AuditVerification? Finish() =>
            _chain is not null && checkpoints.TryGetValue(_chain, out var checkpoint) && checkpoint.Seq > _seq
                ? Bad(_seq + 1, $"entries {_seq + 1} to {checkpoint.Seq} are missing: the checkpoint of {checkpoint.At} saw them.")
                : null;

        private AuditVerification Bad(long seq, string problem) => new(false, Entries, seq, _chain, problem);
    }
}
