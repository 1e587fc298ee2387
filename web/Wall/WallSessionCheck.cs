using System.Security.Claims;
using Cascade.Web.Identity;

namespace Cascade.Web.Wall;

/// <summary>
/// A wall connection was signed in when it connected; this checks every few seconds that its
/// credential still holds (the user enabled and unchanged, the kiosk not revoked) and
/// disconnects it otherwise, so revoking a kiosk or disabling a user cuts their walls within
/// <see cref="Every"/> plus a check, on every node of a cluster alike.
/// </summary>
public sealed partial class WallSessionCheck(WallLifetimeManager connections, Credentials credentials, ILogger<WallSessionCheck> logger)
    : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await timer.WaitForNextTickAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                await CheckAll();
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                LogCheckFailed(error);
            }
        }
    }

    private async Task CheckAll()
    {
        var verdicts = new Dictionary<string, Task<ClaimsPrincipal?>>();
        foreach (var connection in connections.Connections.ToList())
        {
            var principal = connection.User;
            // One check per credential, however many walls it has open.
            var key = $"{principal.FindFirstValue(Kiosks.KioskClaim)}|{principal.Identity?.Name}|{principal.FindFirstValue(CascadeClaims.Stamp)}";
            if (!verdicts.TryGetValue(key, out var verdict)) verdicts[key] = verdict = credentials.Current(principal);
            if (await verdict is not null) continue;
            LogCut(connection.ConnectionId, principal.Identity?.Name);
            connection.Abort();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Wall connection {ConnectionId} of {Name} disconnected: its credential was revoked, disabled or changed")]
    private partial void LogCut(string connectionId, string? name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking the wall connections' credentials failed; trying again shortly")]
    private partial void LogCheckFailed(Exception error);
}
