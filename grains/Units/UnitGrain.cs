using System.Diagnostics;
using Cascade.Alerts;
using Cascade.Audit;
using Cascade.Rollup;
using Cascade.Storage;
using Cascade.Tasks;
using Cascade.Telemetry;
using Cascade.Time;
using Cascade.Wall;
using Microsoft.Extensions.Options;

namespace Cascade.Units;

/// <summary>
/// A unit: its tasks, its children's latest reports and its summary. Own writes recompute at
/// once; reports to the parent go out on a leading edge and are folded within a window.
/// </summary>
public sealed partial class UnitGrain(
    [PersistentState("unit", StorageNames.Default)] IPersistentState<UnitState> state,
    DomainClock clock,
    IOptions<HealthOptions> health,
    IOptions<RollupOptions> rollup,
    IOptions<ClockOptions> clockOptions,
    IAuditStore auditStore,
    AuditKey auditKey,
    AlertRules alertRules,
    IOptions<AlertOptions> alertOptions,
    LocalUnits localUnits,
    VersionClock versionClock,
    VersionLeases versionLeases) : Grain, IUnitGrain
{
    private readonly Dictionary<string, ChildReport> _children = [];
    /// <summary>The stored children as a set, so checking a report's sender costs O(1).</summary>
    private readonly HashSet<string> _childIds = [];
    private SubtreeTotals _own;
    private SubtreeTotals _childrenTotals;
    private SubtreeTotals _totals;
    private Summary? _summary;
    private long _version;
    private IGrainTimer? _window;
    private long _reportedVersion;
    private long _lastFlush = long.MinValue / 2;
    private long _publishedVersion;
    private long _watchedUntil = long.MinValue;
    private readonly ChangeLog _changes = new(WallFeedGrain.MaxChangesPerUnit);
    private bool _flushScheduled;
    private DateTimeOffset _ownAt;
    private bool _childrenDirty;
    private AuditOutbox<AuditEntry>? _audit;
    /// <summary>Alerts that changed since the last publish to the feed, while watched (a new watcher reads them in its snapshot).</summary>
    private readonly List<Alert> _alertChanges = [];
    /// <summary>Changed alerts that sit above this unit, to announce there once stored, and where they sat before.</summary>
    private readonly List<Alert> _announce = [];
    private readonly Dictionary<string, string?> _satBefore = [];
    /// <summary>The trace of the first change waiting for the window's end: the deferred flush continues it.</summary>
    private ActivityContext _windowTrace;
    /// <summary>Origins (<see cref="ChildReport.Origin"/>) of children's reports not summed yet, then of those just summed; 0: none.</summary>
    private long _childOrigin;
    private long _summedOrigin;
    /// <summary>The oldest origin in this unit's summary that the parent has not been told of; 0: none.</summary>
    private long _unreportedOrigin;

    private string Id => this.GetPrimaryKeyString();
    private bool Exists => state.State.Info is not null;
    private IUnitGrain Unit(string id) => GrainFactory.GetGrain<IUnitGrain>(id);
    /// <summary>Delivers this unit's audit entries straight to the store: the unit is its chain's only writer.</summary>
    private AuditOutbox<AuditEntry> Audit => _audit ??= new(() => state.State.Audit, e => e.Seq.ToString(),
        async (entries, redelivered) => await auditStore.AppendAsync(entries, redelivered));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        localUnits.Add(Id);
        if (state.State.Audit.Count > 0) Audit.Send(); // entries stored by an earlier activation, maybe not delivered
        LoadVersions();
        if (!Exists) return;
        _childIds.UnionWith(state.State.Children);
        await Task.WhenAll(StartAboveLease(), LoadChildReports(state.State.Children));
        StartClocks();
        RecomputeOwn();
        RecomputeChildren();
        Combine();
        await Reserved();
        Flush();
        await SettleAlerts(escalate: true); // after a restart, what the clock made true fires now
        await ReconcileEscalatedAlerts();
        MeterOpenAlerts();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        localUnits.Remove(Id);
        UnmeterOpenAlerts();
        if (Exists && _flushScheduled)
        {
            _lastFlush = long.MinValue / 2; // what waits for the window's end goes now, or it would go with this activation
            try
            {
                await Reserved();
            }
            catch (Exception)
            {
                return; // a version that was not reserved is never published; the next activation reports anew
            }
            Flush();
        }
    }

    private async Task LoadChildReports(IEnumerable<string> childIds)
    {
        var reports = await Task.WhenAll(childIds.Select(c => Unit(c).GetReport()));
        foreach (var report in reports)
            if (report is not null) _children[report.ChildId] = report;
    }

    /// <summary>Reads these children's reports as they stand and sums them into the summary at once.</summary>
    private async Task ReadChildren(IEnumerable<string> childIds)
    {
        await LoadChildReports(childIds);
        RecomputeChildren();
        Combine();
    }

    private bool Watched => Environment.TickCount64 < _watchedUntil;

    /// <summary>
    /// The repair pass after the cluster changed (<see cref="RollupRepair"/>): a report sent up to
    /// this unit, or a publish to a wall's feed, may have been lost with a node.
    /// </summary>
    public async Task Reconcile()
    {
        if (!Exists) return;
        await ReadChildren(state.State.Children);
        if (Watched) _publishedVersion = 0;
        Flush();
        await ReconcileEscalatedAlerts();
    }

    private void StartClocks()
    {
        if (_window is not null) return;
        _window = this.RegisterGrainTimer(OnWindowEnd,
            new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        var tick = clockOptions.Value.ClockInterval;
        this.RegisterGrainTimer(OnClock, new GrainTimerCreationOptions(tick, tick) { KeepAlive = true });
    }

    public async Task<Summary?> GetSummary()
    {
        await Reserved();
        return _summary;
    }

    public async Task<ChildReport?> GetReport()
    {
        await Reserved();
        return CurrentReport();
    }

    /// <summary>Activated by the call itself; passed on down so the wake fans out over the tree.</summary>
    public Task Wake()
    {
        foreach (var child in state.State.Children) Unit(child).Wake().Ignore();
        return Task.CompletedTask;
    }

    /// <summary>The report a parent reads directly (adopting or activating): it then holds every change so far.</summary>
    private ChildReport? CurrentReport()
    {
        if (_summary is null) return null;
        _unreportedOrigin = 0;
        return new ChildReport(Id, _version, _totals, _summary.Health);
    }

    public Task ChildChanged(ChildReport report)
    {
        if (!Exists || !_childIds.Contains(report.ChildId)) return Task.CompletedTask;
        if (_children.TryGetValue(report.ChildId, out var known) && known.Version >= report.Version)
            return Task.CompletedTask;
        _children[report.ChildId] = report;
        _childrenDirty = true;
        if (report.Origin > 0) _childOrigin = Oldest(_childOrigin, report.Origin);
        if (report.Changes is { Count: > 0 } changes) _changes.AddRange(changes);
        Flush();
        return _childrenDirty ? Task.CompletedTask : SettleAlerts(); // else the window's end settles them
    }

    private async Task OnClock()
    {
        if (!Exists) return;
        if (versionLeases.Low) versionLeases.Renew().Ignore(); // one renewal for the node; a version above the ceiling waits for it in Flush
        RecomputeOwn();
        Combine();
        Flush();
        await SettleAlerts(escalate: true);
    }

    /// <summary>
    /// The leading-edge throttle. The first change after a quiet window is summed and reported
    /// at once; changes inside the window wait for one flush at its end, so a unit with
    /// thousands of children sums them, and reports, at most once per window. The timer runs
    /// only when a change falls inside a window: a lone change costs no timer at all.
    /// </summary>
    private void Flush()
    {
        var parentId = state.State.Info?.ParentId;
        var watched = Watched;
        var now = Environment.TickCount64;
        var due = _lastFlush + (long)rollup.Value.Window.TotalMilliseconds;
        if (now < due)
        {
            var pending = _childrenDirty
                || parentId is not null && _version != _reportedVersion
                || watched && (_version != _publishedVersion || _alertChanges.Count > 0);
            if (!_flushScheduled && pending)
            {
                _flushScheduled = true;
                _windowTrace = CascadeTelemetry.CurrentTrace();
                _window?.Change(TimeSpan.FromMilliseconds(due - now), Timeout.InfiniteTimeSpan);
            }
            return;
        }
        var flushed = false;
        if (_childrenDirty)
        {
            RecomputeChildren();
            Combine();
            flushed = true;
        }
        if (_summary is null) return;
        if (Unreserved)
        {
            // Published only within the cluster's reserved ceiling: the window's end raises it, then flushes.
            if (!_flushScheduled)
            {
                _flushScheduled = true;
                _window?.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            }
            return;
        }
        if (parentId is not null && _version != _reportedVersion)
        {
            Unit(parentId).ChildChanged(new ChildReport(Id, _version, _totals, _summary.Health, _changes.TakeForParent(), _unreportedOrigin)).Ignore();
            _reportedVersion = _version;
            _unreportedOrigin = 0;
            flushed = true;
        }
        if (watched && (_version != _publishedVersion || _alertChanges.Count > 0))
        {
            var feed = GrainFactory.GetGrain<IWallFeedGrain>(WallPartitions.For(Id));
            IReadOnlyList<Alert>? alerts = _alertChanges.Count > 0 ? [.. _alertChanges] : null;
            _alertChanges.Clear();
            feed.Publish(new UnitUpdate(Id, _version, _summary, _changes.TakeForFeed(), alerts)).Ignore();
            _publishedVersion = _version;
            flushed = true;
        }
        if (flushed) _lastFlush = now;
    }

    public Task SetWatched(TimeSpan lease, bool republish)
    {
        var wasWatched = Watched;
        _watchedUntil = Environment.TickCount64 + (long)lease.TotalMilliseconds;
        if (!wasWatched || republish)
        {
            _publishedVersion = 0; // a new watcher gets the current summary at once
            _changes.TakeForFeed();
            // ... and the alerts as they stand: one may have fired, or resolved, between the
            // wall's snapshot and this call, while nothing was collected for walls.
            _alertChanges.Clear();
            var recently = clock.Now - TimeSpan.FromMinutes(2);
            _alertChanges.AddRange(Book.Open);
            _alertChanges.AddRange(Book.EscalatedHere.Values);
            _alertChanges.AddRange(Book.Resolved.Where(a => a.ResolvedAt >= recently));
            if (Exists) Flush();
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TaskChange>> GetRecentChanges() => Task.FromResult(_changes.Recent());

    private async Task OnWindowEnd()
    {
        _flushScheduled = false;
        using var activity = CascadeTelemetry.Continue(CascadeTelemetry.Spans.RollupWindow, _windowTrace)?.SetTag(CascadeTelemetry.Tags.Unit, Id);
        _windowTrace = default;
        if (!Exists) return;
        await Reserved();
        Flush();
        await SettleAlerts();
    }

    /// <summary>
    /// Records an accepted change as the next entry of this unit's chain; the entry and the new
    /// head are stored with the state's next write, together with the change.
    /// </summary>
    private void Record(AuditStamp stamp, string action, string? taskId, string? before, string? after)
    {
        var draft = new AuditDraft(null, AuditChains.ForUnit(Id), stamp.At, stamp.Actor, action, Id, taskId, before, after);
        var entry = (state.State.AuditHead ?? AuditChainHead.Empty).Link(draft, auditKey);
        state.State.AuditHead = AuditChainHead.Of(entry);
        Audit.Add(entry);
    }


    /// <summary>
    /// Writes the state, then delivers the audit entries it carries. A write can land while its
    /// answer is lost (Azure Table Storage under load: the SDK's network timeout, then its retry
    /// of the same insert or conditional update, which then conflicts with the write itself).
    /// A conflict is therefore checked against what storage holds: if that is this very write,
    /// it succeeded; anything else is a real conflict and fails.
    /// </summary>
    private async Task WriteState()
    {
        var written = state.State;
        written.WriteId = Guid.NewGuid();
        written.HighWater = Math.Max(written.HighWater, _version);
        try
        {
            await state.WriteStateAsync();
        }
        catch (Orleans.Storage.InconsistentStateException)
        {
            await state.ReadStateAsync();
            if (state.State.WriteId != written.WriteId) throw;
            state.State = written; // equal to what is stored (now with its ETag), and the objects this activation holds
        }
        Audit.Send();
    }

    private void RecomputeOwn()
    {
        _ownAt = clock.Now;
        _own = RollupMath.OwnTotals(state.State.Tasks, _ownAt, clock) with { OpenAlerts = state.State.Alerts.Open.Count };
    }

    private void RecomputeChildren()
    {
        SubtreeTotals sum = default;
        foreach (var child in state.State.Children)
            if (_children.TryGetValue(child, out var report))
                sum += RollupMath.AsChild(report.Totals, report.Health);
        _childrenTotals = sum;
        _childrenDirty = false;
        _summedOrigin = _childOrigin;
        _childOrigin = 0;
    }
}
