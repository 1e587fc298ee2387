using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cascade.Web.Operations;

/// <summary>
/// Ready when this host's silo has joined its cluster and grain calls get answers: the management
/// grain (a grain call like any other) lists this silo among the active ones.
/// </summary>
public sealed class SiloReadiness(IGrainFactory grains, ILocalSiloDetails silo) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(cancellationToken);
        return hosts.ContainsKey(silo.SiloAddress)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"The silo {silo.SiloAddress} has not joined the cluster '{silo.ClusterId}' yet.");
    }
}
