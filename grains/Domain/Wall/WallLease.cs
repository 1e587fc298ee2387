using Cascade.Alerts;

namespace Cascade.Wall;

/// <summary>
/// A unit's side of docs/api.md "Live push": whether a wall watches it (the feed leases that, and
/// renews it), the summary version walls were last sent, and the alerts that changed since. Plain
/// logic over an injected clock (the machine's, never the domain's, which tests move by days).
/// </summary>
public sealed class WallLease(TimeProvider time)
{
    /// <summary>Alert changes kept for the next publish: the newest ones.</summary>
    public const int MaxAlerts = 100;

    private readonly List<Alert> _alerts = [];
    private long _until = long.MinValue;

    public bool Watched => time.GetTimestamp() < _until;

    /// <summary>The version walls were last sent; 0 makes the next flush publish.</summary>
    public long PublishedVersion { get; private set; }

    /// <summary>
    /// The feed renews the lease; true when walls must get the unit as it stands at once (it was
    /// not watched, or a host just started watching), after <see cref="Owe"/> gave what stands.
    /// </summary>
    public bool Renew(TimeSpan lease, bool republish)
    {
        var was = Watched;
        _until = time.GetTimestamp() + (long)(lease.Ticks * (double)time.TimestampFrequency / TimeSpan.TicksPerSecond);
        if (was && !republish) return false;
        PublishedVersion = 0;
        _alerts.Clear();
        return true;
    }

    /// <summary>A new watcher gets every alert as it stands: one may have changed between its snapshot and the lease.</summary>
    public void Owe(IEnumerable<Alert> standing) => _alerts.AddRange(standing);

    /// <summary>Alerts that changed go with the next publish while watched.</summary>
    public void Collect(IReadOnlyCollection<Alert> changes)
    {
        if (changes.Count == 0 || !Watched) return;
        _alerts.AddRange(changes);
        if (_alerts.Count > MaxAlerts) _alerts.RemoveRange(0, _alerts.Count - MaxAlerts);
    }

    /// <summary>Walls must hear again (a publish may have been lost with a node).</summary>
    public void Republish() => PublishedVersion = 0;

    /// <summary>True when a publish is owed: watched, and a new version or changed alerts.</summary>
    public bool Owed(bool watched, long version) => watched && (version != PublishedVersion || _alerts.Count > 0);

    /// <summary>Marks <paramref name="version"/> published and hands over the alert changes collected for it (null: none).</summary>
    public IReadOnlyList<Alert>? Publish(long version)
    {
        PublishedVersion = version;
        if (_alerts.Count == 0) return null;
        IReadOnlyList<Alert> alerts = [.. _alerts];
        _alerts.Clear();
        return alerts;
    }
}
