namespace Cascade.Inspections;

/// <summary>What <c>POST /inspections</c> asked for (docs/api.md "Inspections"); the same id with another request is a conflict.</summary>
[GenerateSerializer, Immutable, Alias("cascade.inspection-request")]
public sealed record InspectionRequest(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    /// <summary><c>2026-q4</c>, <c>2026-h2</c> or <c>2026</c> (<see cref="InspectionRules.IsPeriod"/>).</summary>
    [property: Id(2)] string Period,
    /// <summary>The scope: the unit whose subtree is frozen.</summary>
    [property: Id(3)] string UnitId,
    [property: Id(4)] string[] InspectorUnitIds)
{
    /// <summary>The same inspection asked again: every field equal (inspectors in the given order).</summary>
    public bool SameAs(InspectionRequest other) =>
        Id == other.Id && Title == other.Title && Period == other.Period && UnitId == other.UnitId
        && InspectorUnitIds.AsSpan().SequenceEqual(other.InspectorUnitIds);
}
