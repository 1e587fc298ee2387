namespace Cascade.Units;

/// <summary>A unit creation request, already checked field by field.</summary>
[GenerateSerializer, Immutable, Alias("cascade.unit-draft")]
public sealed record UnitDraft(
    [property: Id(0)] string Id,
    [property: Id(1)] string? ParentId,
    [property: Id(2)] string Name,
    [property: Id(3)] UnitKind Kind,
    [property: Id(4)] int Sort = 0);
