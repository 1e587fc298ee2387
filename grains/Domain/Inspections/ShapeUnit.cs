using Cascade.Units;

namespace Cascade.Inspections;

/// <summary>A unit of the frozen shape as the directory listed it at <c>takenAt</c> (<see cref="FrozenUnit"/> for the fields).</summary>
[GenerateSerializer, Immutable, Alias("cascade.shape-unit")]
public sealed record ShapeUnit(
    [property: Id(0)] UnitInfo Unit,
    [property: Id(1)] int Order,
    [property: Id(2)] int Last,
    [property: Id(3)] int Depth);
