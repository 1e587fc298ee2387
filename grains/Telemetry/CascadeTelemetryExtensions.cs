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

    /// <summary>
    /// What a Cascade node traces and measures: the <c>Cascade</c> source and meter, and Orleans'
    /// grain-call sources and meter. This only describes them; a provider exists where something
    /// reads it: OTLP (logs, metrics and traces) when <see cref="OtlpEndpoint"/> is set, and the web
    /// host's <c>/metrics</c>. Without a tracer nobody listens to the sources, so no span is made
    /// and the hot paths pay nothing for tracing.
    /// </summary>
    public static OpenTelemetryBuilder AddCascadeTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(
            CascadeTelemetry.Name, ActivitySources.ApplicationGrainActivitySourceName, ActivitySources.RuntimeActivitySourceName));
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(CascadeTelemetry.Name, OrleansMeter));
        var telemetry = builder.Services.AddOpenTelemetry();
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpoint])) telemetry.UseOtlpExporter();
        return telemetry;
    }
}
