using Cascade.Units;

namespace Cascade.History;

/// <summary>
/// A unit in the tree of a past day (docs/api.md <c>GET /units/{id}/tree?asOf=</c>), shaped as
/// <see cref="TreeNode"/>: its stored parent, name, kind and depth, its figures that day, and its children that day.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.history.node")]
public sealed record HistoryNode(
    [property: Id(0)] string Id,
    [property: Id(1)] string? ParentId,
    [property: Id(2)] string Name,
    [property: Id(3)] UnitKind Kind,
    [property: Id(4)] int Depth,
    [property: Id(5)] PointFigures Figures,
    [property: Id(6)] IReadOnlyList<HistoryNode> Children);
