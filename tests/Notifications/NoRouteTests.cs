using Cascade.Alerts;
using Cascade.Notifications;
using Cascade.Storage;
using Cascade.Tests.Grains;
using Cascade.Tests.Support;
using Cascade.Units;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Cascade.Tests.Notifications;

/// <summary>Without a route nothing is notified: a unit's write that fires an alert stores no event.</summary>
public sealed class NoRouteTests(NoRouteTests.Cluster cluster) : IClassFixture<NoRouteTests.Cluster>
{
    public sealed class Cluster : GrainCluster;

    [Fact]
    public async Task With_no_route_a_unit_that_fires_an_alert_stores_no_event_and_its_state_is_as_before()
    {
        var options = cluster.SiloServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<NotifyOptions>>().Value;
        Assert.False(options.Enabled);
        Assert.False(cluster.SiloServices.GetRequiredService<NotifyFilter>().Wants(NotifyEventKind.Fired, AlertSeverity.Red));

        var unit = (await cluster.Chain("nr", 1))[0];
        var created = await cluster.Unit(unit).CreateTask(TreeFixture.Draft("late", start: "2026-06-01", due: "2026-06-10") with { Progress = 99 }, "tester");
        Assert.True(created.Succeeded);
        Assert.Contains(await cluster.Unit(unit).GetAlerts(false), a => a.Rule == "taskOverdue");

        var storage = cluster.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var stored = new GrainState<UnitState>(new UnitState());
        await storage.ReadStateAsync("unit", GrainId.Create("unit", unit), stored);
        Assert.NotNull(stored.State);
        Assert.Single(stored.State.Tasks);
        Assert.Contains(stored.State.Alerts.Open, a => a.Rule == "taskOverdue");
        Assert.Null(stored.State.Notify);
    }
}
