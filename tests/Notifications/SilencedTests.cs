using Cascade.Notifications;
using Cascade.Silences;
using Cascade.Tests.Grains;
using Cascade.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Tests.Notifications;

/// <summary>A silenced alert notifies nobody until the silence ends; an alert it does not cover goes as usual.</summary>
public sealed class SilencedTests(SilencedTests.Cluster cluster) : IClassFixture<SilencedTests.Cluster>
{
    public sealed class Cluster : NotifyCluster
    {
        protected override void Configure(NotifyOptions o) =>
            o.Routes["now"] = new RouteOptions { Unit = TreeFixture.Root, Channel = "hook" };
    }

    [Fact]
    public async Task A_silenced_alert_sends_nothing_until_the_silence_ends_then_goes_with_its_own_delivery_id()
    {
        var quiet = await cluster.Chain("sq", 2); // root > sq-1 > sq-2: sq-1's subtree is silenced
        var loud = (await cluster.Chain("sl", 1))[0];
        var start = NotifyCluster.Local(2026, 6, 16, 10);
        cluster.Clock.SetUtcNow(start);
        var until = start + TimeSpan.FromHours(2);
        var silence = new Silence("s-notify", quiet[0], true, null, until, "换届期间", false, start, "leader", "领导");
        Assert.Equal(Cascade.Outcomes.Outcome.Created, (await cluster.Grains.GetGrain<ISilenceGrain>(ISilenceGrain.Key).Create(silence)).Outcome);
        foreach (var services in cluster.EverySiloServices) await services.GetRequiredService<SilenceBook>().Refresh();

        await cluster.Overdue(quiet[1], "late");
        await cluster.Overdue(loud, "late");
        await Eventually.True(async () => await cluster.Route("now").WaitingEvents() == 2, "both events reach the route");

        // After the group wait only the uncovered unit's alert goes; the silenced one waits, for an hour and more.
        cluster.Clock.Advance(TimeSpan.FromSeconds(31));
        await Eventually.True(() => Task.FromResult(cluster.Receiver.Received.Count == 1), "the uncovered alert goes after the group wait");
        Assert.Equal(loud, Assert.Single(cluster.Receiver.Received[0].Events).GetProperty("alert").GetProperty("unitId").GetString());
        cluster.Clock.SetUtcNow(until - TimeSpan.FromMinutes(1));
        await cluster.Route("now").Poke();
        Assert.Single(cluster.Receiver.Received);
        Assert.Equal(1, await cluster.Route("now").WaitingEvents());

        // The silence's end: the held alert goes, once.
        cluster.Clock.SetUtcNow(until);
        await Eventually.True(() => Task.FromResult(cluster.Receiver.Received.Count == 2), "the silenced alert goes when the silence ends");
        var held = cluster.Receiver.Received[1];
        Assert.True(held.SignatureValid);
        Assert.NotEqual(cluster.Receiver.Received[0].DeliveryId, held.DeliveryId);
        Assert.Equal(quiet[1], Assert.Single(held.Events).GetProperty("alert").GetProperty("unitId").GetString());
        cluster.Clock.Advance(TimeSpan.FromMinutes(5));
        await cluster.Route("now").Poke();
        Assert.Equal(2, cluster.Receiver.Received.Count);
    }
}
