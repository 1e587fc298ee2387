using Cascade.Alerts;
using Cascade.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Units;

/// <summary>The unit's alerts (docs/domain.md "Alerts"): the desk decides, the grain stores and sends.</summary>
public sealed partial class UnitGrain
{
    public Task<IReadOnlyList<Alert>> GetAlerts(bool resolved) =>
        Task.FromResult<IReadOnlyList<Alert>>(resolved ? [.. Book.Open, .. Book.Resolved] : [.. Book.Open]);

    /// <summary>Its own, and from the open-alert index those that climbed here (decision 010).</summary>
    public async Task<IReadOnlyList<Alert>> GetAlertsHere(bool resolved)
    {
        IReadOnlyList<Alert> own = resolved ? [.. Book.Open, .. Book.Resolved] : [.. Book.Open];
        if (!Exists || state.State.Children.Count == 0) return own; // nothing climbs to a unit without units below
        return [.. own, .. await AlertIndexPartitions.EscalatedTo(GrainFactory, [Id])];
    }

    public async Task<Result<Alert>> AcknowledgeAlert(string alertId, string by, string note, string? byName = null)
    {
        var result = Desk.Acknowledge(alertId, by, note, out var before, out var changed, byName);
        if (!changed) return result; // refused, or a repeat: the first acknowledgement stands
        _lease.Collect([result.Value!]);
        Record(new AuditStamp(by, clock.Now), AuditActions.AlertAcknowledge, before!.TaskId, AlertSnapshots.Alert(before), AlertSnapshots.Alert(result.Value!));
        await Persist();
        return result;
    }

    /// <summary>An alert of a unit below arrived here or left: walls watching this unit hear it (the index keeps it, not this unit).</summary>
    public Task AlertMoved(Alert alert)
    {
        if (!Exists || alert.UnitId == Id || !_lease.Watched) return Task.CompletedTask;
        _lease.Collect([alert]);
        return Flush();
    }

    private Silences.ClimbPauses? _climbs;
    private Silences.ClimbPauses Climbs => _climbs ??= new(ServiceProvider.GetRequiredService<Silences.SilenceBook>(), clock, alertOptions.Value.EscalateAfter, Desk.EscalationTime);

    /// <summary>Moves unacknowledged alerts up the tree when their time came (asks the organization for the path then only).</summary>
    private async Task<bool> Escalate()
    {
        if (!Desk.EscalationDue(state.State.Info?.ParentId is not null)) return false;
        if (await Climbs.Held(Book)) return false; // a climb-stopping silence holds every due climb
        var ancestors = await GrainFactory.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key).Ancestors(Id);
        var changes = Desk.Escalate(ancestors, Climbs.For(Id, ancestors));
        Notices.Escalated(changes, clock.Now);
        _lease.Collect(changes);
        return changes.Count > 0;
    }

    /// <summary>
    /// At activation and after the cluster changed (a one-way message may have been lost): the index
    /// gets this unit's whole open list, and the units where its alerts sit hear of them again. Copies
    /// of alerts that climbed here, kept by states written before the index, go to the index as their
    /// units hold them now, and leave the state.
    /// </summary>
    private async Task ReconcileAlertIndex()
    {
        AlertIndexPartitions.Of(GrainFactory, Id).Sync(Id, Rollup.Version, [.. Book.Open]).Ignore();
        foreach (var (to, alert) in Desk.Reannouncements()) Unit(to).AlertMoved(alert).Ignore();
        if (Book.EscalatedHere.Count == 0) return;
        foreach (var unitId in Book.EscalatedHere.Values.Select(a => a.UnitId).Distinct().ToList())
            AlertIndexPartitions.Of(GrainFactory, unitId).Sync(unitId, 0, await Unit(unitId).GetAlerts(false)).Ignore();
        Book.EscalatedHere.Clear();
        await Write();
    }
}
