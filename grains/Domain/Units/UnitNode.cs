namespace Cascade.Units;

/// <summary>What the organization grain reads of a unit when it rebuilds its directory.</summary>
[GenerateSerializer, Immutable, Alias("cascade.unit-node")]
public sealed record UnitNode(
    [property: Id(0)] UnitInfo Unit,
    [property: Id(1)] IReadOnlyList<string> Children);
