namespace Cascade.Directives;

/// <summary>What a shard says of its targets when its owner is read: how many, the failed ones, and its copies' totals now.</summary>
[GenerateSerializer, Immutable, Alias("cascade.shard-report")]
public sealed record ShardReport(
    [property: Id(0)] int Targets,
    [property: Id(1)] IReadOnlyList<CopyTarget> Failed,
    [property: Id(2)] CopyTotals Totals);
