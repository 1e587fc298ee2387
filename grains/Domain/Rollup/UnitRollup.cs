using Cascade.Tasks;

namespace Cascade.Rollup;

/// <summary>
/// One unit's roll-up (docs/domain.md "Roll-up"): its own tasks' totals, its children's latest
/// reports, the summary over both and its version, and the origins that time propagation. Plain
/// logic: the unit grain decides when to sum (its throttle) and sends the reports.
/// </summary>
/// <param name="versionNow">The clock versions follow (microseconds since 1970, docs/architecture.md "Time").</param>
/// <param name="propagated">At the root: how long (seconds) the oldest change just summed took to arrive.</param>
public sealed class UnitRollup(string unitId, HealthOptions health, Func<long> versionNow, Action<double> propagated)
{
    /// <summary>Each child's latest report, in a slot of its own that <see cref="SumChildren"/> also holds in order.</summary>
    private readonly Dictionary<string, Slot> _reports = [];
    /// <summary>
    /// The children's slots in the order of the list last summed (<see cref="_orderIds"/>): a busy
    /// parent sums its children every roll-up window, and walking slots costs a pointer compare a
    /// child where looking each one up cost a string hash and compare (issue 21's profile: 4 % of
    /// the update path's CPU at 57-99 children a parent).
    /// </summary>
    private Slot?[] _order = [];
    private string[] _orderIds = [];
    /// <summary>The stored children as a set, so checking a report's sender costs O(1).</summary>
    private readonly HashSet<string> _children = [];
    private SubtreeTotals _own, _childrenTotals, _totals;
    private DateTimeOffset _ownAt;
    /// <summary>The health rules that hold over <see cref="_totals"/>, judged again only when the totals change.</summary>
    private IReadOnlyList<HealthReason> _reasons = HealthRules.None;
    /// <summary>Origins (<see cref="ChildReport.Origin"/>) of children's reports not summed yet, then of those just summed; 0: none.</summary>
    private long _childOrigin, _summedOrigin;
    /// <summary>The oldest origin in this unit's summary that the parent has not been told of; 0: none.</summary>
    private long _unreportedOrigin;

    public Summary? Summary { get; private set; }

    /// <summary>
    /// The summary's version, which walls and parents trust to only grow (docs/api.md "Live push").
    /// Versions follow the node's clock, so they read as times and keep growing across restarts;
    /// but nodes' clocks differ, and a unit that moves to a node whose clock is behind must still go
    /// on above every version it handed out before (decision 009). Most versions are handed out
    /// without a state write (a child's report summed, the clock pass, an activation), so the
    /// high-water mark each write stores (<c>UnitState.HighWater</c>) does not cover them alone. What
    /// does is a ceiling the cluster reserves ahead (the unit grain's <c>VersionLeases</c>): no
    /// version leaves the grain above it, and an activation starts above it (<see cref="StartAbove"/>).
    /// So after an activation versions may run up to five minutes ahead of the clock, growing by one
    /// until the clock catches up; nothing reads them as times: propagation is timed by the origins.
    /// </summary>
    public long Version { get; private set; }
    /// <summary>The version the parent was last sent; 0 makes the next flush send (a new parent adopts the unit).</summary>
    public long ReportedVersion { get; set; }
    /// <summary>A child's report arrived that is not summed yet.</summary>
    public bool ChildrenDirty { get; private set; }

    /// <summary>The subtree's totals as the alert rules read them: the open-alert count joins in <see cref="Combine"/>.</summary>
    public SubtreeTotals Figures => _own + _childrenTotals;

    /// <summary>Everything up to <paramref name="version"/> was handed out before: go on above it.</summary>
    public void StartAbove(long version) => Version = Math.Max(Version, version);

    public void Adopt(IEnumerable<string> children) => _children.UnionWith(children);

    public void Drop(string child)
    {
        if (_reports.Remove(child, out var slot)) slot.Report = null;
        _children.Remove(child);
    }

    public bool IsChild(string id) => _children.Contains(id);

    /// <summary>A report read directly (activation, adoption): it holds every change so far.</summary>
    public void Read(ChildReport report) => SlotOf(report.ChildId).Report = report;

    /// <summary>A report a child sent: kept when it comes from a child and is newer than the one held.</summary>
    public bool Accept(ChildReport report)
    {
        if (!_children.Contains(report.ChildId)) return false;
        var slot = SlotOf(report.ChildId);
        if (slot.Report is { } known && known.Version >= report.Version) return false;
        slot.Report = report;
        ChildrenDirty = true;
        if (report.Origin > 0) _childOrigin = Oldest(_childOrigin, report.Origin);
        return true;
    }

    /// <summary>The unit's own tasks' totals, evaluated at <paramref name="now"/> (the open count joins later).</summary>
    public void SetOwn(IEnumerable<TaskItem> tasks, DateTimeOffset now, Time.DomainClock clock)
    {
        _ownAt = now;
        _own = RollupMath.OwnTotals(tasks, now, clock);
    }

    /// <summary>Sums the children's reports, in the stored order of <paramref name="children"/> (the sum's rounding is then reproducible).</summary>
    public void SumChildren(IReadOnlyList<string> children)
    {
        if (!InOrder(children)) Order(children);
        SubtreeTotals sum = default;
        foreach (var slot in _order)
            if (slot?.Report is { } report)
                sum += RollupMath.AsChild(report.Totals, report.Health);
        _childrenTotals = sum;
        ChildrenDirty = false;
        _summedOrigin = _childOrigin;
        _childOrigin = 0;
    }

    /// <summary>
    /// The summary over own and children's totals with the open alerts counted once; the version
    /// grows when any figure changed. Roll-up propagation is timed with the version clock: a
    /// change of this unit's own originates now, one summed from below keeps its origin.
    /// </summary>
    public void Combine(int openAlerts, bool hasParent, bool exists)
    {
        var totals = _own with { OpenAlerts = openAlerts } + _childrenTotals;
        if (Summary is null || totals != _totals)
        {
            _totals = totals;
            _reasons = HealthRules.ReasonsOf(totals.All, health);
            var now = versionNow();
            Version = Math.Max(Version + 1, now);
            if (hasParent) _unreportedOrigin = Oldest(_unreportedOrigin, Oldest(_summedOrigin, now));
            else if (_summedOrigin > 0 && exists) propagated(Math.Max(0, now - _summedOrigin) / 1e6);
        }
        _summedOrigin = 0;
        Summary = RollupMath.ToSummary(unitId, _totals, _reasons, Version, _ownAt);
    }

    /// <summary>The report a parent reads directly: it then holds every change so far.</summary>
    public ChildReport? CurrentReport()
    {
        if (Summary is null) return null;
        _unreportedOrigin = 0;
        return new ChildReport(unitId, Version, _totals, Summary.Health);
    }

    /// <summary>The report sent up now, with the task changes since the last one.</summary>
    public ChildReport ReportUp(IReadOnlyList<TaskChange> changes)
    {
        var report = new ChildReport(unitId, Version, _totals, Summary!.Health, changes, _unreportedOrigin);
        ReportedVersion = Version;
        _unreportedOrigin = 0;
        return report;
    }

    /// <summary>The summary is gone with the unit.</summary>
    public void Clear() => Summary = null;

    private Slot SlotOf(string child)
    {
        if (_reports.TryGetValue(child, out var slot)) return slot;
        _reports[child] = slot = new Slot();
        _orderIds = []; // a new slot: the order is taken again at the next sum
        return slot;
    }

    /// <summary>Whether the slots are in <paramref name="children"/>'s order: the same strings, compared by reference.</summary>
    private bool InOrder(IReadOnlyList<string> children)
    {
        if (children.Count != _orderIds.Length) return false;
        for (var i = 0; i < _orderIds.Length; i++)
            if (!ReferenceEquals(children[i], _orderIds[i])) return false;
        return true;
    }

    private void Order(IReadOnlyList<string> children)
    {
        _orderIds = [.. children];
        _order = new Slot?[_orderIds.Length];
        for (var i = 0; i < _orderIds.Length; i++) _order[i] = _reports.GetValueOrDefault(_orderIds[i]);
    }

    private sealed class Slot
    {
        public ChildReport? Report;
    }

    private static long Oldest(long a, long b) => a == 0 ? b : b == 0 ? a : Math.Min(a, b);
}
