using System.Diagnostics;
using Azure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cascade.Storage.AzureTables;

/// <summary>
/// Runs before the silo starts: creates Cascade's own tables, which proves the storage answers and
/// accepts the credentials. A storage that does not answer is asked again every few seconds for
/// up to <see cref="AzureTableOptions.ConnectTimeout"/>, each time with a one-line warning; then,
/// or at once for a malformed or refused connection string, the node refuses to start with one
/// message naming the setting (<see cref="StorageUnavailableException"/>), where Orleans would
/// otherwise fail later with a wall of stack traces.
/// </summary>
public sealed partial class AzureTableCheck(AzureTables tables, IOptions<AzureTableOptions> options, ILogger<AzureTableCheck> logger) : IHostedLifecycleService
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    /// <summary>The first phase of the host's start, before any service's <c>StartAsync</c>, the silo's included.</summary>
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var timeout = options.Value.ConnectTimeout;
        var started = Stopwatch.GetTimestamp();
        var endpoint = tables.Service.Uri; // a malformed connection string stops here, named
        while (true)
        {
            try
            {
                foreach (var table in AzureTables.Own) await tables.Table(table);
                return;
            }
            catch (RequestFailedException refused) when (refused.Status is 400 or 401 or 403)
            {
                throw new StorageUnavailableException(
                    $"Azure Table Storage at {endpoint} refused {AzureTableOptions.ConnectionStringSetting} ({refused.Status} {refused.ErrorCode}). Check the account name and key.");
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var reason = Innermost(error).Message;
                if (Stopwatch.GetElapsedTime(started) + Pause > timeout)
                    throw new StorageUnavailableException(
                        $"Azure Table Storage at {endpoint} did not answer within {timeout} ({AzureTableOptions.ConnectionStringSetting}): {reason} " +
                        "Check the setting and that the storage is reachable from this node.");
                LogWaiting(endpoint, reason, Pause);
                await Task.Delay(Pause, cancellationToken);
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static Exception Innermost(Exception error)
    {
        while (error is AggregateException { InnerExceptions.Count: > 0 } aggregate) error = aggregate.InnerExceptions[^1];
        while (error.InnerException is { } inner) error = inner;
        return error;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azure Table Storage at {Endpoint} does not answer (" + AzureTableOptions.ConnectionStringSetting + "): {Reason} Trying again in {Pause}.")]
    private partial void LogWaiting(Uri endpoint, string reason, TimeSpan pause);
}
