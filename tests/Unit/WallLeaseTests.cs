using Cascade.Alerts;
using Cascade.Wall;
using Microsoft.Extensions.Time.Testing;

namespace Cascade.Tests.Unit;

/// <summary>docs/api.md "Live push", a unit's side: the lease, the version walls hold, the alerts collected for them.</summary>
public sealed class WallLeaseTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(90);
    private readonly FakeTimeProvider _time = new();
    private readonly WallLease _lease;

    public WallLeaseTests() => _lease = new WallLease(_time);

    private static Alert Alert(int n) => new($"u.{n}", "taskBlocked", AlertSeverity.Amber, "u", "t", AlertState.Firing, null,
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Nothing_is_collected_or_owed_while_unwatched()
    {
        _lease.Collect([Alert(1)]);
        Assert.False(_lease.Owed(_lease.Watched, 5));
        Assert.True(_lease.Renew(Lease, republish: false));
        Assert.True(_lease.Owed(_lease.Watched, 5));
        Assert.Null(_lease.Publish(5)); // the alert changed before anyone watched: a watcher's snapshot has it
    }

    [Fact]
    public void A_renewal_owes_walls_nothing_new_unless_asked_and_the_lease_runs_out()
    {
        _lease.Renew(Lease, republish: false);
        _lease.Publish(5);
        Assert.False(_lease.Renew(Lease, republish: false));
        Assert.False(_lease.Owed(true, 5));
        Assert.True(_lease.Renew(Lease, republish: true));
        Assert.True(_lease.Owed(true, 5));
        _time.Advance(Lease);
        Assert.False(_lease.Watched);
    }

    [Fact]
    public void Alert_changes_go_with_the_next_publish_the_newest_100()
    {
        _lease.Renew(Lease, republish: false);
        _lease.Publish(5);
        for (var i = 0; i < 130; i++) _lease.Collect([Alert(i)]);
        Assert.True(_lease.Owed(true, 5)); // no new version, but alerts changed
        var sent = _lease.Publish(5)!;
        Assert.Equal(WallLease.MaxAlerts, sent.Count);
        Assert.Equal("u.129", sent[^1].Id);
        Assert.False(_lease.Owed(true, 5));
    }
}
