using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;

namespace Cascade.Telemetry;

public static class CascadeTelemetryExtensions
{
    /// <summary>The standard OpenTelemetry variable (or setting) that turns on OTLP export.</summary>
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Orleans' meter (grain calls, activations, messaging, storage).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Whether logs, metrics and traces go out over OTLP: the one case in which a node traces.</summary>
    public static bool ExportsOtlp(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[OtlpEndpoint]);

    /// <summary>
    /// What a Cascade node traces and measures: the <c>Cascade</c> source and meter, and Orleans'
    /// grain-call sources and meter. This only describes them; a provider exists where something
    /// reads it: OTLP (logs, metrics and traces) when <see cref="OtlpEndpoint"/> is set, and the web
    /// host's <c>/metrics</c>. Without OTLP no tracer runs and grain calls carry no trace (see
    /// <c>AddCascadeSilo</c>), so the hot paths pay nothing for tracing.
    /// </summary>
    public static OpenTelemetryBuilder AddCascadeTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(
            CascadeTelemetry.Name, ActivitySources.ApplicationGrainActivitySourceName, ActivitySources.RuntimeActivitySourceName));
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(CascadeTelemetry.Name, OrleansMeter));
        var telemetry = builder.Services.AddOpenTelemetry();
        if (ExportsOtlp(builder.Configuration)) telemetry.UseOtlpExporter();
        return telemetry;
    }
}
