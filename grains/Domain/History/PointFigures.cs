using Cascade.Rollup;

namespace Cascade.History;

/// <summary>
/// A unit's figures at a history point (docs/domain.md "History"): its summary's health, lag,
/// imbalance and open alerts, the <c>all</c> set's count, done, overdue and blocked, and each
/// track's progress and expected, fractions kept to four decimals.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.history.figures")]
public sealed record PointFigures(
    [property: Id(0)] Health Health,
    [property: Id(1)] double? Lag,
    [property: Id(2)] double? Imbalance,
    [property: Id(3)] int Count,
    [property: Id(4)] int Done,
    [property: Id(5)] int Overdue,
    [property: Id(6)] int Blocked,
    [property: Id(7)] int OpenAlerts,
    [property: Id(8)] TrackPoint Party,
    [property: Id(9)] TrackPoint Business,
    [property: Id(10)] TrackPoint All)
{
    /// <summary>The figures of <paramref name="s"/>, rounded as the store keeps them.</summary>
    public static PointFigures From(Summary s) => new(
        s.Health, Round(s.Lag), Round(s.Imbalance), s.All.Count, s.All.Done, s.All.Overdue, s.All.Blocked, s.OpenAlerts,
        Track(s.Party), Track(s.Business), Track(s.All));

    private static TrackPoint Track(TrackSummary t) => new(Round(t.Progress), Round(t.Expected));

    /// <summary>To the store's resolution: 1/10,000.</summary>
    public static double? Round(double? value) => value is { } v ? Math.Round(v * 10_000) / 10_000 : null;
}
