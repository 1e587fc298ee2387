using Cascade.Rollup;

namespace Cascade.Units;

/// <summary>A unit with its direct children's ids and its summary (docs/api.md <c>GET /units/{id}</c>).</summary>
[GenerateSerializer, Immutable, Alias("cascade.unit-view")]
public sealed record UnitView(
    [property: Id(0)] UnitInfo Unit,
    [property: Id(1)] IReadOnlyList<string> Children,
    [property: Id(2)] Summary Summary);
