using Cascade.Notifications;
using Cascade.Tasks;
using Cascade.Tests.Grains;
using Cascade.Tests.Support;

namespace Cascade.Tests.Notifications;

/// <summary>Quiet hours 22:00-07:00: amber waits until they end, red goes at once.</summary>
public sealed class QuietHoursTests(QuietHoursTests.Cluster cluster) : IClassFixture<QuietHoursTests.Cluster>
{
    public sealed class Cluster : NotifyCluster
    {
        protected override void Configure(NotifyOptions o)
        {
            o.QuietHours = "22:00-07:00";
            o.Routes["now"] = new RouteOptions { Unit = TreeFixture.Root, Channel = "hook" };
        }
    }

    [Fact]
    public async Task An_amber_alert_at_23_00_waits_until_07_00_and_a_red_one_goes_at_once()
    {
        var amber = (await cluster.Chain("qa", 1))[0];
        var red = (await cluster.Chain("qr", 1))[0];
        var later = TreeFixture.Draft("later", start: "2026-12-01", due: "2026-12-31");
        Assert.True((await cluster.Unit(amber).CreateTask(later, "tester")).Succeeded);

        var eleven = NotifyCluster.Local(2026, 6, 16, 23);
        cluster.Clock.SetUtcNow(eleven);
        Assert.True((await cluster.Unit(amber).PatchTask("later", new TaskPatch { Status = TaskItemStatus.Blocked }, null, "tester")).Succeeded);
        await cluster.Overdue(red, "late");
        await Eventually.True(async () => await cluster.Route("now").WaitingEvents() == 2, "both events reach the route");

        cluster.Clock.Advance(TimeSpan.FromSeconds(31));
        await Eventually.True(() => Task.FromResult(cluster.Receiver.Received.Count == 1), "the red alert goes after the group wait");
        var first = cluster.Receiver.Received[0];
        var alert = Assert.Single(first.Events).GetProperty("alert");
        Assert.Equal(("red", "taskOverdue", red), (alert.GetProperty("severity").GetString(), alert.GetProperty("rule").GetString(), alert.GetProperty("unitId").GetString()));

        // 06:59: still quiet.
        cluster.Clock.SetUtcNow(NotifyCluster.Local(2026, 6, 17, 6, 59));
        await cluster.Route("now").Poke();
        Assert.Single(cluster.Receiver.Received);
        Assert.Equal(1, await cluster.Route("now").WaitingEvents());

        var seven = NotifyCluster.Local(2026, 6, 17, 7);
        cluster.Clock.SetUtcNow(seven);
        await Eventually.True(() => Task.FromResult(cluster.Receiver.Received.Count == 2), "the amber alert goes when the quiet hours end");
        var second = cluster.Receiver.Received[1];
        Assert.True(second.SignatureValid);
        Assert.Equal(seven, second.SentAt);
        alert = Assert.Single(second.Events).GetProperty("alert");
        Assert.Equal(("amber", "taskBlocked", amber), (alert.GetProperty("severity").GetString(), alert.GetProperty("rule").GetString(), alert.GetProperty("unitId").GetString()));
    }
}
