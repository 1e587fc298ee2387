using Cascade.Time;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cascade.Audit;

/// <summary>
/// Every <see cref="AuditOptions.CheckpointEvery"/>, checkpoints the head of every chain that
/// grew meanwhile, in one pass over the new entries, not one write per chain: <c>verify</c>
/// then finds entries deleted from a chain's end, which the chain alone cannot show. Several
/// nodes may run it over one store; a checkpoint recorded twice is kept once.
/// </summary>
public sealed partial class AuditCheckpoints(IAuditStore store, IOptions<AuditOptions> options, DomainClock clock,
    ILogger<AuditCheckpoints> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await Checkpoint();
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpointing the audit chains failed; the next period tries again")]
    private partial void LogFailed(Exception error);
}
