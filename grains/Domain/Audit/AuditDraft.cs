namespace Cascade.Audit;

/// <summary>
/// An accepted write, recorded by the grain that made it in the same state write as the change
/// (its outbox), before the chain gives it a place. <see cref="Ref"/> is unique, so a draft
/// delivered twice (an answer lost, a restart) is appended once; a unit's own drafts need none,
/// since the unit links them itself. Before and after are
/// canonical JSON (each room's snapshots, e.g. <c>TaskSnapshots</c>) or null.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.audit-draft")]
public sealed record AuditDraft(
    [property: Id(0)] string? Ref,
    [property: Id(1)] string Chain,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Actor,
    [property: Id(4)] string Action,
    [property: Id(5)] string? UnitId,
    [property: Id(6)] string? TaskId,
    [property: Id(7)] string? Before,
    [property: Id(8)] string? After)
{
    public static AuditDraft Create(string chain, DateTimeOffset at, string actor, string action,
        string? unitId, string? taskId, string? before, string? after) =>
        new(Guid.NewGuid().ToString("N"), chain, at, actor, action, unitId, taskId, before, after);
}
