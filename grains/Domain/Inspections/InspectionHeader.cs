namespace Cascade.Inspections;

/// <summary>
/// An inspection's header as stored (docs/domain.md "Inspections"): written once when the directory
/// was read (<see cref="TakenAt"/>); <see cref="CapturedAt"/> comes from the store's separate seal,
/// written once when the last unit's row is in.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.inspection-header")]
public sealed record InspectionHeader(
    [property: Id(0)] InspectionRequest Request,
    /// <summary>When the organization's directory was read: the frozen shape and the instant every figure is computed at.</summary>
    [property: Id(1)] DateTimeOffset TakenAt,
    /// <summary>Units in the frozen shape.</summary>
    [property: Id(2)] int Units,
    [property: Id(3)] string CreatedBy,
    /// <summary>When the last row was stored; null while capturing.</summary>
    [property: Id(4)] DateTimeOffset? CapturedAt = null)
{
    public string Id => Request.Id;

    public string State => CapturedAt is null ? InspectionRules.Capturing : InspectionRules.Captured;
}
