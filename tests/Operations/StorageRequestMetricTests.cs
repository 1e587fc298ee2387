using Cascade.Tasks;
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
        using var requests = new StorageRequests();

        Assert.True((await unit.PatchTask("a", new TaskPatch { Progress = 30 }, null, null)).Succeeded);

        await Eventually.True(() => Task.FromResult(requests.Snapshot().GetValueOrDefault(("GrainState", "PUT")) >= 1 && requests.Snapshot().GetValueOrDefault(("$batch", "POST")) >= 1),
            "the state write and the audit entry's transaction were counted", detail: () => string.Join(", ", requests.Snapshot().Select(c => $"{c.Key.Method} {c.Key.Table} {c.Value}")));
    }
}
