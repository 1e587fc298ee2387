namespace Cascade.Rollup;

/// <summary>One track's figures as the API shows them (docs/api.md "Summary").</summary>
[GenerateSerializer, Immutable, Alias("cascade.track-summary")]
public sealed record TrackSummary(
    [property: Id(0)] int Count,
    [property: Id(1)] double Weight,
    [property: Id(2)] int Done,
    [property: Id(3)] int Blocked,
    [property: Id(4)] int Overdue,
    [property: Id(5)] int Stale,
    [property: Id(6)] double OverdueWeight,
    [property: Id(7)] double BlockedWeight,
    [property: Id(8)] double StaleWeight,
    [property: Id(9)] double? Progress,
    [property: Id(10)] double? Expected)
{
    public static TrackSummary From(TrackTotals t) => new(
        t.Count, t.Weight, t.Done, t.Blocked, t.Overdue, t.Stale,
        t.OverdueWeight, t.BlockedWeight, t.StaleWeight, t.Progress, t.Expected);
}
