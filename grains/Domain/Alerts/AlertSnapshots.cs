using Cascade.Audit;

namespace Cascade.Alerts;

/// <summary>
/// What the audit trail records of an alert: canonical JSON of what the API shows of it
/// (camelCase, enums as camelCase strings, dates <c>YYYY-MM-DD</c>, times UTC with a Z), never
/// a secret. Kept beside the record it describes, so the trail knows no record type.
/// </summary>
public static class AlertSnapshots
{
    public static string Alert(Alert a) => new CanonicalObject()
        .Add("id", a.Id).Add("rule", a.Rule).Add("severity", a.Severity).Add("unitId", a.UnitId).Add("taskId", a.TaskId)
        .Add("state", a.State).Add("acknowledgedBy", a.AcknowledgedBy).Add("note", a.Note)
        .Add("escalationLevel", a.EscalationLevel).Add("escalatedToUnitId", a.EscalatedToUnitId)
        .ToString();
}
