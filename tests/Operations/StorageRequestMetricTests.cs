using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Cascade.Tasks;
using Cascade.Telemetry;
using Cascade.Tests.Grains;
using Cascade.Tests.Support;

namespace Cascade.Tests.Operations;

/// <summary>cascade.storage.requests: what a task write costs Azure Table Storage, by table and method.</summary>
public sealed class StorageRequestMetricTests(AzureTableGrainCluster cluster) : IClassFixture<AzureTableGrainCluster>
{
    [Fact]
    public async Task A_task_write_on_azure_tables_counts_its_state_write_and_its_audit_requests()
    {
        var unit = cluster.Unit((await cluster.Chain("metered", 1))[0]);
        await unit.CreateTask(TreeFixture.Draft("a"), null);
        var counts = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CascadeTelemetry.Name && instrument.Name == "cascade.storage.requests") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? table = null, method = null;
            foreach (var tag in tags)
                if (tag.Key == CascadeTelemetry.Tags.Table) table = tag.Value as string;
                else if (tag.Key == CascadeTelemetry.Tags.Method) method = tag.Value as string;
            counts.AddOrUpdate($"{method} {table}", value, (_, n) => n + value);
        });
        listener.Start();

        Assert.True((await unit.PatchTask("a", new TaskPatch { Progress = 30 }, null, null)).Succeeded);

        await Eventually.True(() => Task.FromResult(counts.GetValueOrDefault("PUT GrainState") >= 1 && counts.GetValueOrDefault("POST $batch") >= 1),
            "the state write and the audit entry's transaction were counted", detail: () => string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}")));
    }
}
