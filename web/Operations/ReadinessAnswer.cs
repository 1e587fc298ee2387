using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cascade.Web.Operations;

/// <summary><c>/readyz</c>: 200 with each check's state, or 503 problem details naming what is not ready and why.</summary>
public static class ReadinessAnswer
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.Headers.CacheControl = "no-store";
        var checks = report.Entries.ToDictionary(e => e.Key, e => (object?)Describe(e.Value));
        if (report.Status == HealthStatus.Healthy)
            return TypedResults.Json(new { status = "ready", checks }).ExecuteAsync(context);
        var failing = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}: {Describe(e.Value)}");
        return TypedResults.Problem(string.Join(" ", failing), statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready",
            extensions: new Dictionary<string, object?> { ["checks"] = checks }).ExecuteAsync(context);
    }

    /// <summary>A check that threw or timed out says so in its own words.</summary>
    private static string Describe(HealthReportEntry entry) => entry.Status switch
    {
        HealthStatus.Healthy => "ok",
        _ when entry.Exception is OperationCanceledException => $"no answer within the check's timeout.",
        _ => entry.Description ?? entry.Exception?.Message ?? entry.Status.ToString(),
    };
}
