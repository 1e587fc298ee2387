using System.Diagnostics;
using System.Net;
using Cascade.Telemetry;
using Cascade.Tests.Support;
using Cascade.Tests.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Xunit.Abstractions;

namespace Cascade.Tests.Operations;

/// <summary>
/// A trace of one task update shows every hop from HTTP to the push, in one trace. The
/// product traces when it exports over OTLP: it gets a stand-in collector, and the test reads the
/// same spans through an in-memory exporter added beside the product's OTLP one.
/// </summary>
public sealed class TaskUpdateTraceTests(TaskUpdateTraceTests.App app, ITestOutputHelper output) : IClassFixture<TaskUpdateTraceTests.App>
{
    public sealed class App : ApiApp
    {
        public App() : this(new OtlpCollector()) { }

        private App(OtlpCollector collector) : base(new()
        {
            [CascadeTelemetryExtensions.OtlpEndpoint] = collector.Address,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        }) => Collector = collector;

        public OtlpCollector Collector { get; }
        public LockedList<Activity> Spans { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(Spans)));
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing) Collector.Dispose();
        }
    }

    [Fact]
    public async Task One_task_update_is_one_trace_from_the_request_through_the_grains_to_the_wall_push()
    {
        // Once the host is subscribed, the update below is what reaches the wall (not a republish in another trace).
        await using var branch = await WatchedBranch.CreateAsync(app, "traced");

        var trace = ActivityTraceId.CreateRandom();
        var request = new HttpRequestMessage(HttpMethod.Patch, branch.Task) { Content = new StringContent("""{"progress": 40}""", null, "application/json") };
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        await (await branch.Client.SendAsync(request)).Expect(HttpStatusCode.OK);

        List<Activity> spans = [];
        Activity? push = null;
        await Eventually.True(() =>
        {
            spans = app.Spans.Snapshot().Where(s => s.TraceId == trace).ToList();
            push = spans.FirstOrDefault(s => s.OperationName == CascadeTelemetry.Spans.WallPush && Path(s, spans).Last().Kind == ActivityKind.Server
                && Path(s, spans).Last().Source.Name == "Microsoft.AspNetCore");
            return Task.FromResult(push is not null);
        }, "a push span descends from the request's span in the request's trace");

        var path = Path(push!, spans);
        output.WriteLine(string.Join("\n", path.Select(s => $"{s.Source.Name} {s.Kind} {s.DisplayName}")));
        Assert.Equal("PATCH /api/v1/units/{id}/tasks/{taskId}", path.Last().DisplayName);
        Assert.Contains(path, s => s.Source.Name == "Microsoft.Orleans.Application" && s.Kind == ActivityKind.Server && s.DisplayName.EndsWith("PatchTask"));
        Assert.Contains(path, s => s.Source.Name == "Microsoft.Orleans.Application" && s.DisplayName.EndsWith("OnBatch"));
        Assert.Contains(push!.GetTagItem(CascadeTelemetry.Tags.Message) as string, new[] { "summaries", "changes" });
        Assert.Equal(ApiApp.Root, push.GetTagItem(CascadeTelemetry.Tags.Unit));
        Assert.Contains(spans, s => s.OperationName == CascadeTelemetry.Spans.StorageWrite);
        await Eventually.True(() => Task.FromResult(branch.Wall.Summaries().Any(s => s.GetProperty("unitId").GetString() == branch.Id
            && s.GetProperty("summary").GetProperty("all").GetProperty("progress").GetDouble() > 0)), "the wall got the update");
        await Eventually.True(() => Task.FromResult(app.Collector.Exports("/v1/traces") > 0 && app.Collector.Exports("/v1/metrics") > 0),
            "traces and metrics went out over OTLP");
    }

    /// <summary>The span and its ancestors within the trace, ending at the one whose parent is not in it (the request's).</summary>
    private static List<Activity> Path(Activity span, List<Activity> trace)
    {
        var path = new List<Activity> { span };
        while (trace.FirstOrDefault(s => s.SpanId == path[^1].ParentSpanId) is { } parent) path.Add(parent);
        return path;
    }
}
