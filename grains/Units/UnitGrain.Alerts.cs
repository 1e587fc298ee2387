using Cascade.Alerts;
using Cascade.Audit;

namespace Cascade.Units;

/// <summary>The unit's alerts (docs/domain.md "Alerts"): the desk decides, the grain stores and sends.</summary>
public sealed partial class UnitGrain
{
    public Task<IReadOnlyList<Alert>> GetAlerts(bool resolved) =>
        Task.FromResult<IReadOnlyList<Alert>>(resolved ? [.. Book.Open, .. Book.Resolved] : [.. Book.Open]);

    public Task<IReadOnlyList<Alert>> GetAlertsHere(bool resolved) => Task.FromResult<IReadOnlyList<Alert>>(
        resolved ? [.. Book.Open, .. Book.Resolved, .. Book.EscalatedHere.Values] : [.. Book.Open, .. Book.EscalatedHere.Values]);

    public async Task<Result<Alert>> AcknowledgeAlert(string alertId, string by, string note)
    {
        var result = Desk.Acknowledge(alertId, by, note, out var before, out var changed);
        if (!changed) return result; // refused, or a repeat: the first acknowledgement stands
        _lease.Collect([result.Value!]);
        Record(new AuditStamp(by, clock.Now), AuditActions.AlertAcknowledge, before!.TaskId, AlertSnapshots.Alert(before), AlertSnapshots.Alert(result.Value!));
        await Persist();
        return result;
    }

    public async Task AlertMoved(Alert alert)
    {
        if (!Exists || alert.UnitId == Id || !Desk.Keep(alert, Id)) return;
        _lease.Collect([alert]);
        await Write();
        await Flush();
    }

    /// <summary>Moves unacknowledged alerts up the tree when their time came (asks the organization for the path then only).</summary>
    private async Task<bool> Escalate()
    {
        if (!Desk.EscalationDue(state.State.Info?.ParentId is not null)) return false;
        var changes = Desk.Escalate(await GrainFactory.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key).Ancestors(Id));
        _lease.Collect(changes);
        return changes.Count > 0;
    }

    /// <summary>
    /// At activation and after the cluster changed: the alerts that sit elsewhere are announced
    /// again, and the copies kept here are checked with their units (a one-way message may have been lost).
    /// </summary>
    private async Task ReconcileEscalatedAlerts()
    {
        foreach (var (to, alert) in Desk.Reannouncements()) Unit(to).AlertMoved(alert).Ignore();
        var changed = false;
        foreach (var unitId in Book.EscalatedHere.Values.Select(a => a.UnitId).Distinct().ToList())
            changed |= Desk.Check(unitId, await Unit(unitId).GetAlerts(false), Id);
        if (changed) await Write();
    }
}
