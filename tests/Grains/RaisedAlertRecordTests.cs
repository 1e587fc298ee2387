using Cascade.Alerts;
using Cascade.Tasks;
using Cascade.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;

namespace Cascade.Tests.Grains;

/// <summary>
/// The records of raised alerts: the open-alert index stores one for each alert it holds for the
/// first time, and the record stays when the alert resolves (the year report counts alerts raised).
/// </summary>
public sealed class RaisedAlertRecordTests(GrainCluster cluster) : IClassFixture<GrainCluster>
{
    private IRaisedAlertStore Store => cluster.SiloServices.GetRequiredService<IRaisedAlertStore>();

    private Task<IReadOnlyList<RaisedAlert>> All() => Store.FiredBetween(DateTimeOffset.MinValue.AddYears(1), DateTimeOffset.MaxValue.AddYears(-1));

    [Fact]
    public async Task An_alert_raised_is_recorded_once_and_its_record_outlives_its_resolution()
    {
        var unit = (await cluster.Chain("raised-kept", 1))[0];
        Assert.True((await cluster.Unit(unit).CreateTask(TreeFixture.Draft("stuck") with { Status = TaskItemStatus.Blocked }, "tester")).Succeeded);
        Alert? alert = null;
        await Eventually.True(async () => (alert = (await cluster.Unit(unit).GetAlerts(false)).FirstOrDefault(a => a.Rule == "taskBlocked")) is not null, "fired");
        await Eventually.True(async () => (await All()).Any(r => r.UnitId == unit && r.AlertId == alert!.Id), "recorded within a flush");
        var record = (await All()).Single(r => r.UnitId == unit && r.AlertId == alert!.Id);
        Assert.Equal(("taskBlocked", alert!.Severity, "stuck", alert.FiredAt), (record.Rule, record.Severity, record.TaskId, record.FiredAt));

        // Resolved, and the index partition activated again (it offers its rows' alerts anew): still one record.
        Assert.True((await cluster.Unit(unit).PatchTask("stuck", new TaskPatch { Status = TaskItemStatus.Done }, null, "tester")).Succeeded);
        await Eventually.True(async () => !(await cluster.Unit(unit).GetAlerts(false)).Any(a => a.Id == alert.Id), "resolved");
        await AlertIndexPartitions.Of(cluster.Grains, unit).AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await AlertIndexPartitions.Subtree(cluster.Grains, unit);
        Assert.Single(await All(), r => r.UnitId == unit && r.AlertId == alert.Id);

        // Another task blocked later: a new alert, a second record.
        Assert.True((await cluster.Unit(unit).CreateTask(TreeFixture.Draft("stuck-2") with { Status = TaskItemStatus.Blocked }, "tester")).Succeeded);
        await Eventually.True(async () => (await All()).Count(r => r.UnitId == unit && r.Rule == "taskBlocked") == 2, "the second raise recorded");
    }
}
