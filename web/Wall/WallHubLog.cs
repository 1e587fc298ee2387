using Microsoft.AspNetCore.SignalR;

namespace Cascade.Web.Wall;

/// <summary>
/// How the hub's calls are logged. A refused call (a <see cref="HubException"/>: a bad unit or
/// depth, a view a kiosk may not watch) is the caller's mistake: one warning line, with the
/// arguments cut to <see cref="MaxShown"/> characters, no stack trace. Anything else is the
/// server's fault and logged as an error with its stack. SignalR's own dispatcher would log both
/// as errors with the caller's whole text, so its failure log is turned off where this filter
/// is registered (<see cref="WallExtensions"/>).
/// </summary>
public sealed partial class WallHubLog(ILogger<WallHubLog> logger) : IHubFilter
{
    public const int MaxShown = 100;

    /// <summary>The logging category whose failure messages this filter replaces.</summary>
    public const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocation);
        }
        catch (HubException refused)
        {
            LogRefused(invocation.HubMethodName, Cut(string.Join(", ", invocation.HubMethodArguments)), Cut(refused.Message),
                invocation.Context.User?.Identity?.Name ?? "(anonymous)");
            throw;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogFailed(invocation.HubMethodName, error);
            throw;
        }
    }

    /// <summary>At most <see cref="MaxShown"/> characters of a caller's text, marked when cut.</summary>
    public static string Cut(string? text) =>
        text is null ? "" : text.Length <= MaxShown ? text : string.Concat(text.AsSpan(0, MaxShown), "…");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused hub call {Method}({Arguments}) by {Caller}: {Reason}")]
    private partial void LogRefused(string method, string arguments, string reason, string caller);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub call {Method} failed")]
    private partial void LogFailed(string method, Exception error);
}
