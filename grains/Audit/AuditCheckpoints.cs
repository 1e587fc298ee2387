using Cascade.Time;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cascade.Audit;

/// <summary>
/// Every <see cref="AuditOptions.CheckpointEvery"/>, checkpoints the head of every chain that
/// grew meanwhile, in one pass over the new entries, not one write per chain: <c>verify</c>
/// then finds entries deleted from a chain's end, which the chain alone cannot show. One node
/// runs the periodic pass for the cluster (<see cref="RunsThePass"/>): every node running it
/// over one store did the same reads and writes twice (docs/benchmarks.md, <c>cluster</c>).
/// Should two nodes run it at once for a moment, a checkpoint recorded twice is kept once.
/// </summary>
public sealed partial class AuditCheckpoints(IAuditStore store, IOptions<AuditOptions> options, DomainClock clock,
    IClusterMembershipService membership, ILocalSiloDetails silo, ILogger<AuditCheckpoints> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                if (RunsThePass()) await Checkpoint();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        await Checkpoint(); // what the last period appended, before the node stops
    }

    private async Task Checkpoint()
    {
        try
        {
            await store.CheckpointAsync(clock.Now);
        }
        catch (Exception error)
        {
            LogFailed(error); // the next period covers this one's entries too
        }
    }

    /// <summary>
    /// True on the oldest active node (the lowest generation, then address): every node reads
    /// the same membership, so they agree but for a moment after a change. Alone, or before the
    /// membership lists this node: true.
    /// </summary>
    private bool RunsThePass()
    {
        var first = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress)
            .OrderBy(a => a.Generation).ThenBy(a => a.ToParsableString(), StringComparer.Ordinal)
            .FirstOrDefault();
        return first is null || first.Equals(silo.SiloAddress);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpointing the audit chains failed; the next period tries again")]
    private partial void LogFailed(Exception error);
}
