using Cascade.Alerts;
using Cascade.Audit;
using Cascade.Notifications;
using Cascade.Rollup;
using Cascade.Storage;
using Cascade.Tasks;
using Cascade.Telemetry;
using Cascade.Time;
using Cascade.Wall;
using Microsoft.Extensions.Options;

namespace Cascade.Units;

/// <summary>
/// A unit (docs/domain.md "Tree"): a shell over its parts: <see cref="UnitStore"/> (state and
/// audit chain), <see cref="UnitTasks"/>, <see cref="UnitRollup"/> (figures, sent on a
/// <see cref="RollupThrottle"/>), <see cref="AlertDesk"/> and <see cref="WallLease"/>. A change
/// takes one pass: the figures, the alerts from them, the open-alert count folded in once; then
/// the write, then the sends. Calls go down awaited; upwards only one-way messages.
/// </summary>
public sealed partial class UnitGrain(
    [PersistentState("unit", StorageNames.Default)] IPersistentState<UnitState> state,
    DomainClock clock, IOptions<HealthOptions> health, IOptions<RollupOptions> rollup, IOptions<ClockOptions> clockOptions,
    IAuditStore auditStore, AuditKey auditKey, AlertRules alertRules, IOptions<AlertOptions> alertOptions,
    LocalUnits localUnits, VersionClock versionClock, VersionLeases versionLeases, IWorkingCalendar calendar, NotifyFilter notifyFilter) : Grain, IUnitGrain
{
    private readonly RollupThrottle _throttle = new(rollup.Value.Window);
    private readonly WallLease _lease = new(TimeProvider.System);
    private readonly ChangeLog _changes = new(WallFeedGrain.MaxChangesPerUnit);
    private readonly OpenAlertShare _meter = new();
    private UnitStore? _store;
    private UnitTasks? _tasks;
    private UnitRollup? _rollup;
    private AlertDesk? _desk;
    private UnitNotices? _notices;

    private string Id => this.GetPrimaryKeyString();
    private bool Exists => state.State.Info is not null;
    private AlertBook Book => state.State.Alerts;
    private IUnitGrain Unit(string id) => GrainFactory.GetGrain<IUnitGrain>(id);
    private UnitStore Store => _store ??= new(state, auditKey, auditStore);
    private UnitTasks? Tasks => Exists ? _tasks ??= new(Id, () => state.State.Tasks, clock.YearStart) : null;
    private UnitRollup Rollup => _rollup ??= new(Id, health.Value, () => versionClock.Now, s => CascadeTelemetry.RollupPropagation.Record(s));
    private AlertDesk Desk => _desk ??= new(() => state.State.Alerts, alertRules, alertOptions.Value, clock, calendar);
    private UnitNotices Notices => _notices ??= new(state, notifyFilter, GrainFactory);
    /// <summary>No version leaves the grain above the cluster's reserved ceiling (decision 009, <see cref="UnitRollup.Version"/>).</summary>
    private Task Reserved() => versionLeases.Reserve(Rollup.Version);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        localUnits.Add(Id);
        Store.Redeliver();
        Notices.Send(); // events stored by an earlier activation, maybe not taken
        Rollup.StartAbove(state.State.HighWater);
        if (!Exists) return;
        Rollup.Adopt(state.State.Children);
        await Task.WhenAll(StartAboveLease(), LoadChildReports(state.State.Children));
        StartClocks();
        Rollup.SumChildren(state.State.Children);
        var changed = Recompute(tasks: true); // after a restart, what the clock made true fires now
        await Reserved();
        if (changed) await Write();
        await Flush();
        await ReconcileAlertIndex();
        _meter.Set(Book.Open);
        // Escalations that came due while down climb once the activation is over: they ask the
        // organization for the ancestors, and the organization's own activation may be the one
        // waking this unit (each would wait for the other until the call timed out).
        if (Desk.EscalationDue(state.State.Info?.ParentId is not null))
            this.RegisterGrainTimer(EscalateAfterActivation, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    private async Task EscalateAfterActivation()
    {
        if (!Exists || !await Escalate()) return;
        await Write();
        await Flush();
    }

    private async Task StartAboveLease() => Rollup.StartAbove(await versionLeases.Activate());

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        localUnits.Remove(Id);
        _meter.Set(null);
        if (!Exists || !_throttle.Holding) return;
        _throttle.Open(); // what waits for the window's end goes now, or it would go with this activation
        try { await Reserved(); }
        catch (Exception) { return; } // a version not reserved is never published; the next activation reports anew
        await Flush();
    }

    private void StartClocks()
    {
        if (_throttle.Started) return;
        _throttle.Start(this.RegisterGrainTimer(OnWindowEnd, new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan)));
        var tick = clockOptions.Value.ClockInterval;
        this.RegisterGrainTimer(OnClock, new GrainTimerCreationOptions(tick, tick) { KeepAlive = true });
    }

    /// <summary>Time alone moves figures and alerts (a due date passing): re-evaluated every <c>ClockInterval</c>.</summary>
    private async Task OnClock()
    {
        if (!Exists) return;
        if (versionLeases.Low) versionLeases.Renew().Ignore(); // one renewal for the node; a version above the ceiling waits for it
        if (Directives.TurnWait.Awaits(state.State.Tasks, clock.Now, clock)) return; // the new instances' write carries it
        if (Recompute(tasks: true) | await Escalate()) await Write();
        await Flush();
    }

    private async Task OnWindowEnd()
    {
        using var activity = CascadeTelemetry.Continue(CascadeTelemetry.Spans.RollupWindow, _throttle.Released())?.SetTag(CascadeTelemetry.Tags.Unit, Id);
        if (!Exists) return;
        await Reserved();
        await Flush();
    }

    /// <summary>
    /// The one pass: the own tasks' totals (with <paramref name="tasks"/>; else the task rules'
    /// verdicts stand), the alerts from the new figures, then the open-alert count folded into the
    /// summary once. True when an alert changed: it is stored before anything is sent.
    /// </summary>
    private bool Recompute(bool tasks)
    {
        if (tasks) Rollup.SetOwn(state.State.Tasks, clock.Now, clock);
        var changes = Exists ? Desk.Evaluate(Id, state.State.Info!.Name, tasks ? state.State.Tasks : null, Rollup.Figures) : [];
        Rollup.Combine(Book.Open.Count, state.State.Info?.ParentId is not null, Exists);
        if (changes.Count == 0) return false;
        Notices.Evaluated(changes, Desk.EvaluatedAt);
        _lease.Collect(changes);
        _meter.Set(Book.Open);
        return true;
    }

    /// <summary>
    /// Sends what is due on the leading edge (docs/domain.md "Roll-up"). Children's reports are
    /// summed only here, so a unit with thousands of children sums them at most once per window;
    /// an alert that changes with them is stored before the report leaves. Completes at once
    /// (nothing allocated) unless it writes.
    /// </summary>
    private async Task Flush()
    {
        var (r, watched, parentId) = (Rollup, _lease.Watched, state.State.Info?.ParentId);
        if (!_throttle.Ready(r.ChildrenDirty || parentId is not null && r.Version != r.ReportedVersion || _lease.Owed(watched, r.Version))) return;
        var sent = r.ChildrenDirty; // a window starts with what was summed or sent
        if (sent)
        {
            r.SumChildren(state.State.Children);
            if (Recompute(tasks: false)) await Write();
        }
        if (r.Summary is not { } summary) return;
        if (!versionLeases.Covers(r.Version))
        {
            _throttle.Soon(); // the window's end raises the ceiling first
            return;
        }
        if (parentId is not null && r.Version != r.ReportedVersion)
        {
            Unit(parentId).ChildChanged(r.ReportUp(_changes.TakeForParent())).Ignore();
            sent = true;
        }
        if (_lease.Owed(watched, r.Version))
        {
            var update = new UnitUpdate(Id, r.Version, summary, _changes.TakeForFeed(), _lease.Publish(r.Version));
            GrainFactory.GetGrain<IWallFeedGrain>(WallPartitions.For(Id)).Publish(update).Ignore();
            sent = true;
        }
        if (sent) _throttle.Sent();
    }

    /// <summary>
    /// After a change the caller applied and recorded: the one pass, the write before the caller
    /// is answered, then the roll-up. Any failure (a figure that cannot be computed, a failed
    /// write) deactivates the grain so the next call reloads what storage really holds. Awaits the
    /// store itself, not <see cref="Write"/>: one async level less on every task write.
    /// </summary>
    private async Task Persist(TaskChange? reported = null, string? operation = null, int count = 1)
    {
        try
        {
            Recompute(tasks: true); // the alerts this change raises or clears go in the same write
            await Store.Write(Rollup.Version);
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
        Tell();
        if (reported is not null) _changes.Add(reported);
        await Flush();
        if (operation is not null) CascadeTelemetry.TaskChanged(operation, count);
    }

    private async Task Write()
    {
        await Store.Write(Rollup.Version);
        Tell();
    }

    /// <summary>Tells the open-alert index and the units where changed alerts sit, once stored (one-way); hands the notification events on.</summary>
    private void Tell()
    {
        Notices.Send();
        var changed = Desk.TakeIndexChanges();
        if (changed.Count > 0) AlertIndexPartitions.Of(GrainFactory, Id).Changed(Id, Rollup.Version, changed).Ignore();
        var told = Desk.TakeAnnouncements();
        for (var i = 0; i < told.Count; i++) Unit(told[i].To).AlertMoved(told[i].Alert).Ignore();
    }

    private void Record(AuditStamp stamp, string action, string? taskId, string? before, string? after) =>
        Store.Record(Id, stamp, action, taskId, before, after);
}
