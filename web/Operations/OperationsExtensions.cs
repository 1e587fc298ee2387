using Cascade.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Cascade.Web.Operations;

/// <summary>docs/api.md "Operations": <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>, and the telemetry behind them.</summary>
public static class OperationsExtensions
{
    public const string Readiness = "ready";

    public static WebApplicationBuilder AddCascadeOperations(this WebApplicationBuilder builder)
    {
        builder.AddCascadeTelemetry()
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddPrometheusExporter());
        // Probes and scrapes would outnumber real requests in a trace store.
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddAspNetCoreInstrumentation(o =>
            o.Filter = context => !IsOperations(context.Request.Path)));
        builder.Services.AddHealthChecks()
            .AddCheck<SiloReadiness>("silo", tags: [Readiness], timeout: TimeSpan.FromSeconds(2))
            .AddCheck<StorageReadiness>("storage", tags: [Readiness], timeout: TimeSpan.FromSeconds(2));
        return builder;
    }

    /// <summary>
    /// All three answer without sign-in: a probe or a scraper has no cookie. <c>/metrics</c> holds
    /// counts and durations only, tagged by operation, message kind and severity, never a unit,
    /// task or person; a deployment that must hide even those keeps the path off its proxy.
    /// </summary>
    public static WebApplication MapCascadeOperations(this WebApplication app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("ok")).AllowAnonymous();
        app.MapHealthChecks("/readyz", new() { Predicate = check => check.Tags.Contains(Readiness), ResponseWriter = ReadinessAnswer.WriteAsync })
            .AllowAnonymous();
        app.MapPrometheusScrapingEndpoint().AllowAnonymous();
        return app;
    }

    private static bool IsOperations(PathString path) =>
        path.StartsWithSegments("/metrics") || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz");
}
