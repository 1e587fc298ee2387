using Cascade.Time;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cascade.History;

/// <summary>
/// On every node, every <see cref="HistoryOptions.Check"/>: asks today's day grain (the local date
/// in <c>Cascade:TimeZone</c>) to take the day's points (docs/architecture.md "History"). Every node
/// asks, so a node's death never loses a day; the day grain takes its points once.
/// </summary>
public sealed partial class HistoryClock(IGrainFactory grains, DomainClock clock, IOptions<HistoryOptions> options, ILogger<HistoryClock> logger) : BackgroundService
{
    /// <summary>The day grain's key: the local date.</summary>
    public static string Key(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Check);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await grains.GetGrain<IHistoryDayGrain>(Key(clock.Today)).Take();
                }
                catch (Exception error) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(error); // the next tick asks again
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Taking the day's history points failed; trying again at the next check")]
    private partial void LogFailed(Exception error);
}
