namespace Cascade.Audit;

/// <summary>
/// The first start with an audit key, over a trail written before it (plain SHA-256 hashes,
/// unsigned checkpoints): each chain's last plain-SHA-256 entry is sealed in a signed checkpoint
/// of scheme <see cref="AuditSchemes.Plain"/>, after which the chain goes on under the key, and
/// the unsigned checkpoints are dropped. Verify then accepts plain hashes only up to each seal.
/// It runs only while no checkpoint is signed: once the trail has a key, a chain rewritten with
/// the public hash is never sealed again (and a seal above a keyed checkpoint fails verify).
/// </summary>
public static class AuditMigration
{
    /// <summary>Answers how many chains were sealed; 0 when the trail already had its key.</summary>
    public static async Task<int> SealAsync(IAuditStore store, AuditKey key, DateTimeOffset at)
    {
        await foreach (var checkpoint in store.ReadCheckpointsAsync())
            if (checkpoint.Signature is not null) return 0;
        var time = AuditEntry.FormatTime(at);
        var seals = new List<AuditCheckpoint>();
        AuditEntry? plain = null;
        await foreach (var entry in store.ReadAllAsync())
        {
            if (plain is not null && plain.Chain != entry.Chain) Seal();
            // Entries a keyed node appended meanwhile come after the chain's plain ones.
            if (entry.Hash == entry.PlainHash()) plain = entry;
        }
        Seal();
        await store.SealAsync(seals);
        return seals.Count;

        void Seal()
        {
            if (plain is not null) seals.Add(key.Sign(new AuditCheckpoint(plain.Chain, plain.Seq, plain.Hash, time), AuditSchemes.Plain));
            plain = null;
        }
    }
}
