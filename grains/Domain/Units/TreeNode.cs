using Cascade.Rollup;

namespace Cascade.Units;

/// <summary>A unit and its subtree to some depth (docs/api.md <c>GET /units/{id}/tree</c>).</summary>
[GenerateSerializer, Immutable, Alias("cascade.tree-node")]
public sealed record TreeNode(
    [property: Id(0)] string Id,
    [property: Id(1)] string? ParentId,
    [property: Id(2)] string Name,
    [property: Id(3)] UnitKind Kind,
    [property: Id(4)] int Sort,
    [property: Id(5)] Summary Summary,
    [property: Id(6)] IReadOnlyList<TreeNode> Children);
