using Azure;
using Cascade.Web.Http;
using Cascade.Web.Identity;
using Microsoft.AspNetCore.Diagnostics;

namespace Cascade.Web.Hosting;

/// <summary>
/// A request whose grain call failed in the runtime or the storage (a state write that threw, an
/// ETag that moved under a second writer, storage that did not answer, a call that timed out)
/// answers 503 with <c>Retry-After</c>: nothing unconfirmed is ever answered 2xx, and clients know
/// to try again. The grain has deactivated itself, so the retry works on what storage holds.
/// </summary>
internal sealed partial class StorageFailures(ILogger<StorageFailures> logger) : IExceptionHandler
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    public static bool Handles(Exception error) =>
        error is OrleansException or TimeoutException or RequestFailedException or System.Data.Common.DbException; // DbException: SQLite's and PostgreSQL's

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!Handles(exception)) return false;
        // One line: under a storage outage there is one per request, and the stack says nothing new.
        LogUnavailable(context.Request.Method, context.Request.Path, exception.GetType().Name, exception.Message.Split('\n')[0]);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        RetryAfterHeader.Set(context.Response, RetryAfter);
        await Problems.Status(StatusCodes.Status503ServiceUnavailable, "Service Unavailable",
            "The storage did not confirm the change (it failed or did not answer in time); try again shortly.").ExecuteAsync(context);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: {Error}: {Reason}")]
    private partial void LogUnavailable(string method, string path, string error, string reason);
}
