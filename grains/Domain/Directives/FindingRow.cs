namespace Cascade.Directives;

/// <summary>A finding as the directive index lists it: enough to filter by unit, inspector and state without asking each owner.</summary>
[GenerateSerializer, Immutable, Alias("cascade.finding-row")]
public sealed record FindingRow(
    [property: Id(0)] string Id,
    [property: Id(1)] string InspectionId,
    [property: Id(2)] string UnitId,
    [property: Id(3)] string? InspectorUnitId,
    [property: Id(4)] FindingState State)
{
    public static FindingRow Of(Finding f) => new(f.Id, f.InspectionId, f.UnitId, f.InspectorUnitId, f.State);
}
