namespace Cascade.Rollup;

/// <summary>The roll-up of a unit over its whole subtree (docs/domain.md "Roll-up", docs/api.md "Summary").</summary>
[GenerateSerializer, Immutable, Alias("cascade.summary")]
public sealed record Summary(
    [property: Id(0)] string UnitId,
    [property: Id(1)] long Version,
    [property: Id(2)] DateTimeOffset ComputedAt,
    [property: Id(3)] Health Health,
    [property: Id(4)] double? Lag,
    [property: Id(5)] double? Imbalance,
    [property: Id(6)] int Units,
    [property: Id(7)] int RedUnits,
    [property: Id(8)] int AmberUnits,
    [property: Id(9)] int OpenAlerts,
    [property: Id(10)] TrackSummary Party,
    [property: Id(11)] TrackSummary Business,
    [property: Id(12)] TrackSummary All,
    /// <summary>The health rules that hold, worst first; the shared empty list when green or grey.</summary>
    [property: Id(13)] IReadOnlyList<HealthReason> HealthReasons,
    /// <summary>The subtree's schedule instances of the current periods: due and done.</summary>
    [property: Id(14)] Duties Duties);
