using Cascade.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cascade.Web.Operations;

/// <summary>Ready while the grain storage answers its probe (for SQLite: the file opens and reads, the latest commit held).</summary>
public sealed class StorageReadiness(IStorageProbe storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await storage.ProbeAsync(cancellationToken);
        return HealthCheckResult.Healthy();
    }
}
