using Cascade.Alerts;
using Cascade.Audit;
using Cascade.Hosting;
using Cascade.Rollup;
using Cascade.Tasks;
using Cascade.Telemetry;
using Cascade.Time;
using Cascade.Wall;
using Microsoft.Extensions.Options;

namespace Cascade.Units;

/// <summary>
/// A unit (docs/domain.md "Tree"): its stored state and three parts: its roll-up
/// (<see cref="UnitRollup"/>, sent on a <see cref="RollupThrottle"/>), its alerts
/// (<see cref="AlertDesk"/>) and its walls (<see cref="WallLease"/>). A change takes one pass:
/// the figures, the alerts from them, the open-alert count folded in once; then the write, then
/// the sends (docs/architecture.md "Data flows one way").
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
    private readonly RollupThrottle _throttle = new(rollup.Value.Window);
    private readonly WallLease _lease = new(TimeProvider.System);
    private readonly ChangeLog _changes = new(WallFeedGrain.MaxChangesPerUnit);
    private readonly OpenAlertShare _meter = new();
    private UnitRollup? _rollup;
    private AlertDesk? _desk;
    private AuditOutbox<AuditEntry>? _audit;

    private string Id => this.GetPrimaryKeyString();
    private bool Exists => state.State.Info is not null;
    private bool HasParent => state.State.Info?.ParentId is not null;
    private AlertBook Book => state.State.Alerts;
    private IUnitGrain Unit(string id) => GrainFactory.GetGrain<IUnitGrain>(id);
    private UnitRollup Rollup => _rollup ??= new(Id, health.Value, () => versionClock.Now, s => CascadeTelemetry.RollupPropagation.Record(s));
    private AlertDesk Desk => _desk ??= new(() => state.State.Alerts, alertRules, alertOptions.Value, clock);
    /// <summary>Delivers this unit's audit entries straight to the store: the unit is its chain's only writer.</summary>
    private AuditOutbox<AuditEntry> Audit => _audit ??= new(() => state.State.Audit, e => e.Seq.ToString(),
        async (entries, redelivered) => await auditStore.AppendAsync(entries, redelivered));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        localUnits.Add(Id);
        if (state.State.Audit.Count > 0) Audit.Send(); // entries stored by an earlier activation, maybe not delivered
        Rollup.StartAbove(state.State.HighWater); // decision 009: every version up to it was handed out
        if (!Exists) return;
        Rollup.Adopt(state.State.Children);
        await Task.WhenAll(StartAboveLease(), LoadChildReports(state.State.Children));
        StartClocks();
        Rollup.SumChildren(state.State.Children);
        var changed = Recompute(tasks: true) | await Escalate(); // after a restart, what the clock made true fires now
        await Reserved();
        if (changed) await Store();
        await Flush();
        await ReconcileEscalatedAlerts();
        _meter.Set(Book.Open);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        localUnits.Remove(Id);
        _meter.Set(null);
        if (!Exists || !_throttle.Holding) return;
        _throttle.Open(); // what waits for the window's end goes now, or it would go with this activation
        try
        {
            await Reserved();
        }
        catch (Exception)
        {
            return; // a version that was not reserved is never published; the next activation reports anew
        }
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
        if (versionLeases.Low) versionLeases.Renew().Ignore(); // one renewal for the node; a version above the ceiling waits for it in Send
        if (Recompute(tasks: true) | await Escalate()) await Store();
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
    /// The one pass over the figures: the own tasks' totals (with <paramref name="tasks"/>; else
    /// only the children's moved and the task rules' verdicts stand), the alerts from the new
    /// figures, then the open-alert count folded into the summary once. True when an alert
    /// changed: it must be stored before anything is sent.
    /// </summary>
    private bool Recompute(bool tasks)
    {
        if (tasks) Rollup.SetOwn(state.State.Tasks, clock.Now, clock);
        var changes = Exists ? Desk.Evaluate(Id, state.State.Info!.Name, tasks ? state.State.Tasks : null, Rollup.Figures) : [];
        Rollup.Combine(Book.Open.Count, HasParent, Exists);
        if (changes.Count == 0) return false;
        _lease.Collect(changes);
        _meter.Set(Book.Open);
        return true;
    }

    /// <summary>
    /// Sends what is due on the leading edge (docs/domain.md "Roll-up"): the first change after a
    /// quiet window at once, later ones together at its end. Children's reports are summed only
    /// here, so a unit with thousands of children sums them at most once per window; an alert
    /// that changes with them is stored before the report leaves.
    /// </summary>
    private Task Flush()
    {
        var watched = _lease.Watched;
        var r = Rollup;
        if (!_throttle.Ready(r.ChildrenDirty || HasParent && r.Version != r.ReportedVersion || _lease.Owed(watched, r.Version)))
            return Task.CompletedTask;
        if (!r.ChildrenDirty) return Send(watched, summed: false);
        r.SumChildren(state.State.Children);
        return Recompute(tasks: false) ? StoreThenSend(watched) : Send(watched, summed: true);
    }

    private async Task StoreThenSend(bool watched)
    {
        await Store();
        await Send(watched, summed: true);
    }

    private Task Send(bool watched, bool summed)
    {
        var r = Rollup;
        if (r.Summary is not { } summary) return Task.CompletedTask;
        if (Unreserved)
        {
            _throttle.Soon(); // published only within the cluster's reserved ceiling: the window's end raises it first
            return Task.CompletedTask;
        }
        var sent = summed;
        if (state.State.Info?.ParentId is { } parentId && r.Version != r.ReportedVersion)
        {
            Unit(parentId).ChildChanged(r.ReportUp(_changes.TakeForParent())).Ignore();
            sent = true;
        }
        if (_lease.Owed(watched, r.Version))
        {
            var alerts = _lease.Publish(r.Version);
            GrainFactory.GetGrain<IWallFeedGrain>(WallPartitions.For(Id)).Publish(new UnitUpdate(Id, r.Version, summary, _changes.TakeForFeed(), alerts)).Ignore();
            sent = true;
        }
        if (sent) _throttle.Sent();
        return Task.CompletedTask;
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

    /// <summary>Writes the state, then tells the units where changed alerts sit (only once stored).</summary>
    private async Task Store()
    {
        await WriteState();
        Tell(Desk.TakeAnnouncements());
    }

    private void Tell(IReadOnlyList<(string To, Alert Alert)> told)
    {
        for (var i = 0; i < told.Count; i++) Unit(told[i].To).AlertMoved(told[i].Alert).Ignore();
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
        written.HighWater = Math.Max(written.HighWater, Rollup.Version);
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
}
