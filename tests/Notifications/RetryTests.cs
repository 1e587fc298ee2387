using Cascade.Notifications;
using Cascade.Tests.Grains;
using Cascade.Tests.Support;

namespace Cascade.Tests.Notifications;

/// <summary>A receiver that refuses: tried again after 10 s, 30 s, 1 min, always with the same delivery id, and never after it took it.</summary>
public sealed class RetryTests(RetryTests.Cluster cluster) : IClassFixture<RetryTests.Cluster>
{
    public sealed class Cluster : NotifyCluster
    {
        protected override void Configure(NotifyOptions o) => o.Routes["retry"] = new RouteOptions { Unit = TreeFixture.Root, Channel = "hook" };
    }

    private Task Received(int count) => Eventually.True(() => Task.FromResult(cluster.Receiver.Received.Count == count), $"{count} attempts");

    [Fact]
    public async Task Three_refusals_then_a_200_is_four_attempts_with_one_delivery_id_at_10_s_30_s_and_1_min()
    {
        cluster.Receiver.Answer = n => Task.FromResult(n < 3 ? 500 : 200);
        var unit = (await cluster.Chain("rt", 1))[0];
        await cluster.Overdue(unit, "late");
        await Eventually.True(async () => await cluster.Route("retry").WaitingEvents() == 1, "the event reaches the route");
        cluster.Clock.Advance(TimeSpan.FromSeconds(30));
        await Received(1);
        var route = cluster.Route("retry");

        foreach (var (wait, attempts) in new[] { (10, 2), (30, 3), (60, 4) })
        {
            await Eventually.True(async () => (await route.Outbox(RouteMessageState.Pending, 10)).SingleOrDefault()?.Attempts == attempts - 1, "the attempt is recorded");
            var pending = Assert.Single(await route.Outbox(RouteMessageState.Pending, 10));
            Assert.Equal((attempts - 1, (int?)500, "receiver busy"), (pending.Attempts, pending.LastStatus, pending.LastAnswer));
            Assert.Equal(pending.LastAttempt + TimeSpan.FromSeconds(wait), pending.NextAttempt);
            cluster.Clock.Advance(TimeSpan.FromSeconds(wait - 1));
            await route.Poke();
            Assert.Equal(attempts - 1, cluster.Receiver.Received.Count); // not a second early
            cluster.Clock.Advance(TimeSpan.FromSeconds(1));
            await Received(attempts);
        }

        await Eventually.True(async () => (await route.Outbox(RouteMessageState.Sent, 10)).Count == 1, "the delivery is recorded");
        cluster.Clock.Advance(TimeSpan.FromHours(2));
        await route.Poke();
        var all = cluster.Receiver.Received;
        Assert.Equal(4, all.Count);
        Assert.Single(all.Select(d => d.DeliveryId).Distinct());
        Assert.All(all, d => Assert.True(d.SignatureValid));
        Assert.Equal([10.0, 30.0, 60.0], all.Zip(all.Skip(1), (x, y) => (y.SentAt - x.SentAt).TotalSeconds));
        var sent = Assert.Single(await route.Outbox(RouteMessageState.Sent, 10));
        Assert.Equal((all[0].DeliveryId, 4, (int?)200, "ok"), (sent.DeliveryId, sent.Attempts, sent.LastStatus, sent.LastAnswer));
        Assert.Empty(await route.Outbox(RouteMessageState.Pending, 10));
    }
}
