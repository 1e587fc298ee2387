using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Cascade.Audit;

/// <summary>Stateless: as many activations as the load needs, each reading the store directly.</summary>
[StatelessWorker]
public sealed class AuditReaderGrain(IAuditStore store, AuditKey key, AuditAnchors anchors, ILogger<AuditReaderGrain> logger) : Grain, IAuditReaderGrain
{
    public Task<IReadOnlyList<AuditEntry>> Query(AuditQuery query) => store.QueryAsync(query);

    public Task<AuditVerification> Verify() => Verify(false);

    /// <summary>With <paramref name="withAnchors"/>, a trail that verifies must also give the root of every anchor line.</summary>
    public async Task<AuditVerification> Verify(bool withAnchors)
    {
        var verification = await AuditVerifier.VerifyAsync(store, key, logger);
        if (!withAnchors || !verification.Ok) return verification;
        return await anchors.VerifyAsync(store, verification.Entries) ?? verification;
    }
}
