using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cascade.Silences;

/// <summary>
/// On every node, every <see cref="SilenceBook.RefreshEvery"/>: the node's <see cref="SilenceBook"/>
/// reads the registry again if it changed, so a silence placed through another node holds here
/// within that time.
/// </summary>
public sealed partial class SilenceRefresh(SilenceBook book, ILogger<SilenceRefresh> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SilenceBook.RefreshEvery);
        try
        {
            do
            {
                try { await book.Refresh(); }
                catch (Exception error) when (!stoppingToken.IsCancellationRequested)
                {
                    if (book.Loaded) LogFailed(error); // before the first read the silo may not be up yet; the next tick asks again
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the silences failed; trying again at the next tick")]
    private partial void LogFailed(Exception error);
}
