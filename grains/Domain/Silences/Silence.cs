namespace Cascade.Silences;

/// <summary>
/// A silence (静默, docs/domain.md "Silences"): the alerts of a unit (and of its subtree when
/// <see cref="Subtree"/>), of one rule or of all, still show but notify nobody from
/// <see cref="CreatedAt"/> until <see cref="Until"/>, or until it was ended early
/// (<see cref="EndedAt"/>). With <see cref="StopClimb"/> they do not escalate meanwhile either, and
/// their escalation counts afresh from the silence's end. An ended silence is kept, so that end
/// is still known.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.silence")]
public sealed record Silence(
    [property: Id(0)] string Id,
    [property: Id(1)] string UnitId,
    [property: Id(2)] bool Subtree,
    [property: Id(3)] string? Rule,
    [property: Id(4)] DateTimeOffset Until,
    [property: Id(5)] string Reason,
    [property: Id(6)] bool StopClimb,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] string CreatedBy,
    [property: Id(9)] string? CreatedByName,
    [property: Id(10)] DateTimeOffset? EndedAt = null,
    [property: Id(11)] string? EndedBy = null)
{
    /// <summary>When it stops holding: its <see cref="Until"/>, or earlier when it was ended.</summary>
    public DateTimeOffset End => EndedAt is { } ended && ended < Until ? ended : Until;

    /// <summary>Its window: from its creation to its end.</summary>
    public Alerts.PauseWindow Window => new(CreatedAt, End);

    public bool IsActive(DateTimeOffset at) => at >= CreatedAt && at < End;

    /// <summary>
    /// True when it holds an alert of <paramref name="unitId"/> for <paramref name="rule"/>:
    /// the unit itself, or (with <see cref="Subtree"/>) a unit whose path up to the root,
    /// <paramref name="unitAndAncestorIds"/>, passes through it; and the rule, when it names one.
    /// </summary>
    public bool Matches(string unitId, string rule, IReadOnlyCollection<string> unitAndAncestorIds) =>
        (Rule is null || Rule == rule)
        && (UnitId == unitId || Subtree && unitAndAncestorIds.Contains(UnitId));

    /// <summary>docs/domain.md "Silences": the unit and rule match, and <paramref name="at"/> lies in [createdAt, end).</summary>
    public bool Covers(Alerts.Alert alert, IReadOnlyCollection<string> unitAndAncestorIds, DateTimeOffset at) =>
        IsActive(at) && Matches(alert.UnitId, alert.Rule, unitAndAncestorIds);

    /// <summary>The same silence as the client asked for it: what an idempotent repeat of its creation compares.</summary>
    public bool SameRequest(Silence other) =>
        UnitId == other.UnitId && Subtree == other.Subtree && Rule == other.Rule && Until == other.Until
        && Reason == other.Reason && StopClimb == other.StopClimb;
}
