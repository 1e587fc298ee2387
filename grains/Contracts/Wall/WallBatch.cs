namespace Cascade.Wall;

/// <summary>What a feed partition sends a web host in one tick.</summary>
[GenerateSerializer, Immutable, Alias("cascade.wall-batch")]
public sealed record WallBatch(
    [property: Id(0)] IReadOnlyList<UnitUpdate> Updates,
    /// <summary>Units whose place in the tree changed (created, moved, renamed, deleted), with their parents.</summary>
    [property: Id(1)] IReadOnlyList<string> Structure,
    /// <summary>Directives issued by watched units that changed (newest state of each).</summary>
    [property: Id(2)] IReadOnlyList<Cascade.Directives.DirectiveRow>? Directives = null);
