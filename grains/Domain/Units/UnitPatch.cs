namespace Cascade.Units;

/// <summary>A merge patch of a unit; <see cref="ParentGiven"/> tells "parentId: null" from "not given".</summary>
[GenerateSerializer, Immutable, Alias("cascade.unit-patch")]
public sealed record UnitPatch(
    [property: Id(0)] string? Name = null,
    [property: Id(1)] UnitKind? Kind = null,
    [property: Id(2)] bool ParentGiven = false,
    [property: Id(3)] string? ParentId = null,
    [property: Id(4)] int? Sort = null);
