namespace Cascade.Units;

/// <summary>A node of the responsibility tree (docs/api.md <c>Unit</c>).</summary>
[GenerateSerializer, Immutable, Alias("cascade.unit")]
public sealed record UnitInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string? ParentId,
    [property: Id(2)] string Name,
    [property: Id(3)] UnitKind Kind,
    [property: Id(4)] int Sort = 0);
