using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cascade.Storage.Postgres;

/// <summary>
/// Runs before the silo starts: connects to PostgreSQL and brings Cascade's schema up to this
/// build (<see cref="PostgresSchema"/>), logging each step it applies, or, with
/// <see cref="PostgresOptions.ApplySchema"/> false, refuses to start while a step is missing and
/// names the <c>migrate</c> command. A server that does not answer is asked again every few
/// seconds for up to <see cref="PostgresOptions.ConnectTimeout"/>, each time with a one-line
/// warning; then, or at once for a malformed connection string or refused credentials, the node
/// refuses to start with one message naming the setting (<see cref="StorageUnavailableException"/>).
/// </summary>
public sealed partial class PostgresCheck(PostgresDatabase database, ILogger<PostgresCheck> logger) : IHostedLifecycleService
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    /// <summary>The first phase of the host's start, before any service's <c>StartAsync</c>, the silo's included.</summary>
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var settings = database.Settings;
        var started = Stopwatch.GetTimestamp();
        _ = database.Source; // a missing or malformed connection string stops here, named
        while (true)
        {
            try
            {
                await using var connection = await database.OpenAsync(cancellationToken);
                await BringUpToDate(connection, settings.ApplySchema, cancellationToken);
                return;
            }
            catch (PostgresException refused) when (refused.SqlState is "28P01" or "28000" or "3D000" or "42501")
            {
                throw new StorageUnavailableException(
                    $"PostgreSQL at {database.Where} refused {PostgresOptions.ConnectionStringSetting}: {refused.MessageText} ({refused.SqlState}). " +
                    "Check the user, its password, the database's name and the user's rights on it.");
            }
            catch (Exception error) when (Transient(error) && !cancellationToken.IsCancellationRequested)
            {
                var reason = error.InnerException?.Message ?? error.Message;
                if (Stopwatch.GetElapsedTime(started) + Pause > settings.ConnectTimeout)
                    throw new StorageUnavailableException(
                        $"PostgreSQL at {database.Where} did not answer within {settings.ConnectTimeout} ({PostgresOptions.ConnectionStringSetting}): {reason} " +
                        "Check the setting and that the server is reachable from this node.");
                LogWaiting(database.Where, reason, Pause);
                await Task.Delay(Pause, cancellationToken);
            }
        }
    }

    /// <summary>A server not (yet) reachable or still starting; a fault in a schema step is not retried.</summary>
    private static bool Transient(Exception error) =>
        error is NpgsqlException { IsTransient: true } or TimeoutException or System.Net.Sockets.SocketException
        || error is NpgsqlException { InnerException: System.Net.Sockets.SocketException or IOException or TimeoutException };

    private async Task BringUpToDate(NpgsqlConnection connection, bool apply, CancellationToken cancellationToken)
    {
        var pending = await PostgresSchema.PendingAsync(connection, cancellationToken);
        if (pending.Count == 0) return;
        if (!apply)
            throw new StorageUnavailableException(
                $"The PostgreSQL database at {database.Where} lacks {pending.Count} step(s) of Cascade's schema ({string.Join(", ", pending)}) " +
                "and Cascade:Storage:Postgres:ApplySchema is false. Apply them with: dotnet run --project web -- migrate (same settings), then start again.");
        LogApplying(database.Where, string.Join(", ", pending));
        var applied = await PostgresSchema.ApplyAsync(connection, cancellationToken);
        LogApplied(database.Where, applied.Count);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL at {Where} does not answer (" + PostgresOptions.ConnectionStringSetting + "): {Reason} Trying again in {Pause}.")]
    private partial void LogWaiting(string where, string reason, TimeSpan pause);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL at {Where} lacks Cascade's schema steps {Steps}: applying them now.")]
    private partial void LogApplying(string where, string steps);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL at {Where}: applied {Count} schema step(s); the schema is up to date.")]
    private partial void LogApplied(string where, int count);
}
