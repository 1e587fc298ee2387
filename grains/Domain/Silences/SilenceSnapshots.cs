using Cascade.Audit;

namespace Cascade.Silences;

/// <summary>What the audit trail records of a silence: canonical JSON of what the API shows of it.</summary>
public static class SilenceSnapshots
{
    public static string Silence(Silence s) => new CanonicalObject()
        .Add("id", s.Id).Add("unitId", s.UnitId).Add("subtree", s.Subtree).Add("rule", s.Rule).Add("until", s.Until)
        .Add("reason", s.Reason).Add("stopClimb", s.StopClimb).Add("createdAt", s.CreatedAt).Add("createdBy", s.CreatedBy)
        .Add("endedAt", s.EndedAt is { } ended ? AuditEntry.FormatTime(ended) : null).Add("endedBy", s.EndedBy)
        .ToString();
}
