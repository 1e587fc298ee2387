using Cascade.Notifications;
using Cascade.Tests.Grains;
using Cascade.Tests.Support;

namespace Cascade.Tests.Notifications;

/// <summary>A unit's events within the group wait (30 s) are one message; another unit's, another.</summary>
public sealed class GroupingTests(GroupingTests.Cluster cluster) : IClassFixture<GroupingTests.Cluster>
{
    public sealed class Cluster : NotifyCluster
    {
        protected override void Configure(NotifyOptions o) => o.Routes["group"] = new RouteOptions { Unit = TreeFixture.Root, Channel = "hook" };
    }

    [Fact]
    public async Task A_units_events_within_thirty_seconds_make_one_message_and_another_units_another()
    {
        var a = (await cluster.Chain("ga", 1))[0];
        var b = (await cluster.Chain("gb", 1))[0];
        await cluster.Overdue(a, "one");
        await Eventually.True(async () => await cluster.Route("group").WaitingEvents() == 1, "the first event reaches the route");
        cluster.Clock.Advance(TimeSpan.FromSeconds(20));
        await cluster.Overdue(a, "two");
        await cluster.Overdue(b, "three");
        await Eventually.True(async () => await cluster.Route("group").WaitingEvents() == 3, "all three reach the route");

        cluster.Clock.Advance(TimeSpan.FromSeconds(11)); // 31 s after the first: a's group is due, b's is not
        await Eventually.True(() => Task.FromResult(cluster.Receiver.Received.Count == 1), "a's message goes");
        await cluster.Route("group").Poke();
        Assert.Single(cluster.Receiver.Received);
        cluster.Clock.Advance(TimeSpan.FromSeconds(30));
        await Eventually.True(() => Task.FromResult(cluster.Receiver.Received.Count == 2), "b's message goes");
        cluster.Clock.Advance(TimeSpan.FromMinutes(10));
        await cluster.Route("group").Poke();

        var messages = cluster.Receiver.Received;
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.True(m.SignatureValid));
        Assert.NotEqual(messages[0].DeliveryId, messages[1].DeliveryId);
        string[] Tasks(WebhookReceiver.Delivery m) => [.. m.Events.Select(e => e.GetProperty("alert").GetProperty("taskId").GetString()!).Order()];
        Assert.Equal(["one", "two"], Tasks(messages[0]));
        Assert.Equal(["three"], Tasks(messages[1]));
        Assert.All(messages[0].Events, e => Assert.Equal(a, e.GetProperty("alert").GetProperty("unitId").GetString()));
    }
}
