using Orleans.Concurrency;

namespace Cascade.Audit;

/// <summary>Stateless: as many activations as the load needs, each reading the store directly.</summary>
[StatelessWorker]
public sealed class AuditReaderGrain(IAuditStore store) : Grain, IAuditReaderGrain
{
    public Task<IReadOnlyList<AuditEntry>> Query(AuditQuery query) => store.QueryAsync(query);

    public Task<AuditVerification> Verify() => AuditVerifier.VerifyAsync(store);
}
