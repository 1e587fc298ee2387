using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cascade.Notifications;

/// <summary>
/// On every node, every few seconds: pokes every configured route's grain, so a route whose node
/// died (its grain timer with it) resumes on a survivor, and a route with work after a restart
/// wakes. Not a reminder: SQLite keeps those in memory. Nothing runs without a route.
/// </summary>
public sealed partial class NotifyClock(IGrainFactory grains, IOptions<NotifyOptions> options, ILogger<NotifyClock> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await Task.WhenAll(options.Value.Routes.Keys.Select(route => Poke(route, stoppingToken)));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private async Task Poke(string route, CancellationToken stoppingToken)
    {
        try
        {
            await grains.GetGrain<INotifyRouteGrain>(route).Poke();
        }
        catch (Exception error) when (!stoppingToken.IsCancellationRequested)
        {
            LogFailed(route, error); // the next tick pokes again
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poking notification route {Route} failed; trying again at the next tick")]
    private partial void LogFailed(string route, Exception error);
}
