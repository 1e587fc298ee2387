using Cascade.Alerts;
using Cascade.Notifications;
using Cascade.Tests.Grains;
using Cascade.Tests.Support;

namespace Cascade.Tests.Notifications;

/// <summary>A digest route: a day's events in one message at its local time on the next working day.</summary>
public sealed class DigestTests(DigestTests.Cluster cluster) : IClassFixture<DigestTests.Cluster>
{
    public sealed class Cluster : NotifyCluster
    {
        protected override void Configure(NotifyOptions o) =>
            o.Routes["daily"] = new RouteOptions { Unit = TreeFixture.Root, Channel = "hook", Digest = "09:00", Events = [NotifyEventKind.Fired] };
    }

    [Fact]
    public async Task Fifty_tasks_of_a_branch_going_overdue_at_local_midnight_make_one_message_sent_at_nine_on_the_next_working_day()
    {
        var branch = (await cluster.Chain("dg", 1))[0];
        for (var i = 0; i < 50; i++) await cluster.Overdue(branch, $"t{i:00}", due: "2026-06-19"); // a Friday
        Assert.Empty(await cluster.Unit(branch).GetAlerts(false));

        // Saturday 00:00 local: all fifty fall due at once.
        cluster.Clock.SetUtcNow(NotifyCluster.Local(2026, 6, 20, 0));
        await Eventually.True(async () => (await cluster.Unit(branch).GetAlerts(false)).Count(a => a.Rule == "taskOverdue") == 50, "fifty alerts fire");
        await Eventually.True(async () => await cluster.Route("daily").WaitingEvents() == 50, "the route holds the fifty events");

        // Not on Saturday at 09:00, nor on Monday just before.
        foreach (var at in new[] { NotifyCluster.Local(2026, 6, 20, 9), NotifyCluster.Local(2026, 6, 21, 9, 30), NotifyCluster.Local(2026, 6, 22, 8, 59) })
        {
            cluster.Clock.SetUtcNow(at);
            await cluster.Route("daily").Poke();
            Assert.Empty(cluster.Receiver.Received);
        }

        var nine = NotifyCluster.Local(2026, 6, 22, 9);
        cluster.Clock.SetUtcNow(nine);
        await Eventually.True(() => Task.FromResult(cluster.Receiver.Received.Count == 1), "the digest goes at 09:00 on Monday");
        cluster.Clock.Advance(TimeSpan.FromMinutes(5));
        await cluster.Route("daily").Poke();
        var digest = Assert.Single(cluster.Receiver.Received);
        Assert.True(digest.SignatureValid, digest.Signature);
        Assert.Equal(digest.DeliveryId, digest.Body.GetProperty("id").GetString());
        Assert.Equal(32, digest.DeliveryId.Length);
        Assert.Equal("digest", digest.Body.GetProperty("kind").GetString());
        Assert.Equal(nine, digest.SentAt);
        Assert.Equal(0, digest.Body.GetProperty("omitted").GetInt32());
        var events = digest.Events;
        Assert.Equal(50, events.Length);
        Assert.All(events, e => Assert.Equal(("fired", "taskOverdue", "red"),
            (e.GetProperty("kind").GetString(), e.GetProperty("alert").GetProperty("rule").GetString(), e.GetProperty("alert").GetProperty("severity").GetString())));
        Assert.Equal(50, events.Select(e => e.GetProperty("alert").GetProperty("taskId").GetString()).Distinct().Count());
        var path = events[0].GetProperty("alert").GetProperty("unitPath").EnumerateArray().Select(p => p.GetString()!).ToArray();
        Assert.Equal(["root", "dg-1"], path);
        Assert.Contains("/app/alerts?unit=dg-1&rule=taskOverdue", events[0].GetProperty("ledgerUrl").GetString());

        var outbox = await cluster.Route("daily").Outbox(RouteMessageState.Sent, 10);
        var sent = Assert.Single(outbox);
        Assert.Equal((digest.DeliveryId, 50, 1, (int?)200), (sent.DeliveryId, sent.ItemCount, sent.Attempts, sent.LastStatus));
        Assert.Equal(0, await cluster.Route("daily").WaitingEvents());
    }
}
