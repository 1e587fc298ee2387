namespace Cascade.Audit;

/// <summary>
/// Where a chain ends: its newest seq and hash. The chain's one writer keeps it and links each
/// new draft after it; a unit grain stores it in its state with the change, so the entry's
/// place is decided in the same durable write.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.audit-head")]
public sealed record AuditChainHead([property: Id(0)] long Seq, [property: Id(1)] string Hash)
{
    public static readonly AuditChainHead Empty = new(0, AuditEntry.Genesis);

    public static AuditChainHead Of(AuditEntry entry) => new(entry.Seq, entry.Hash);

    /// <summary>The draft as the next entry of the chain.</summary>
    public AuditEntry Link(AuditDraft draft, AuditKey key) => AuditEntry.Link(draft, Seq + 1, Hash, key);
}
