namespace Cascade.Rollup;

/// <summary>
/// The additive part of one track's figures: sums that combine across units by plain
/// addition, so a parent's totals are its own tasks' totals plus its children's.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.track-totals")]
public readonly record struct TrackTotals(
    [property: Id(0)] int Count,
    [property: Id(1)] double Weight,
    [property: Id(2)] int Done,
    [property: Id(3)] int Blocked,
    [property: Id(4)] int Overdue,
    [property: Id(5)] int Stale,
    [property: Id(6)] double OverdueWeight,
    [property: Id(7)] double BlockedWeight,
    [property: Id(8)] double StaleWeight,
    /// <summary>Sum of weight x progress / 100.</summary>
    [property: Id(9)] double ProgressWeight,
    /// <summary>Sum of weight x expected.</summary>
    [property: Id(10)] double ExpectedWeight)
{
    public static TrackTotals operator +(TrackTotals a, TrackTotals b) => new(
        a.Count + b.Count, a.Weight + b.Weight, a.Done + b.Done, a.Blocked + b.Blocked,
        a.Overdue + b.Overdue, a.Stale + b.Stale, a.OverdueWeight + b.OverdueWeight,
        a.BlockedWeight + b.BlockedWeight, a.StaleWeight + b.StaleWeight,
        a.ProgressWeight + b.ProgressWeight, a.ExpectedWeight + b.ExpectedWeight);

    public double? Progress => Count == 0 ? null : ProgressWeight / Weight;
    public double? Expected => Count == 0 ? null : ExpectedWeight / Weight;
}
