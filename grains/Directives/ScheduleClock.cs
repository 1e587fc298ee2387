using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cascade.Directives;

/// <summary>
/// On every node, every <see cref="DirectiveOptions.ScheduleCheck"/>: asks the directive index to
/// turn schedules whose period has changed (docs/architecture.md "Schedules"). Every node asks, so
/// a node's death never stops the duties from coming round; the turns are idempotent, so two
/// nodes asking at once hand out one instance per period. Not a reminder: SQLite keeps those in memory.
/// </summary>
public sealed partial class ScheduleClock(IGrainFactory grains, IOptions<DirectiveOptions> options, ILogger<ScheduleClock> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ScheduleCheck);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await grains.GetGrain<IDirectiveIndexGrain>(IDirectiveIndexGrain.Key).Check();
                }
                catch (Exception error) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(error); // the next tick asks again
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The schedule check failed; trying again at the next one")]
    private partial void LogFailed(Exception error);
}
