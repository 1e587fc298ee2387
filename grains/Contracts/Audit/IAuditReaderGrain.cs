using Orleans.Concurrency;

namespace Cascade.Audit;

/// <summary>Reads the audit trail for the API on whichever node has the store (any silo).</summary>
public interface IAuditReaderGrain : IGrainWithIntegerKey
{
    Task<IReadOnlyList<AuditEntry>> Query(AuditQuery query);
    Task<AuditVerification> Verify();
    /// <summary>Also against the anchor file, when <paramref name="withAnchors"/> and one is configured.</summary>
    Task<AuditVerification> Verify(bool withAnchors);
}
