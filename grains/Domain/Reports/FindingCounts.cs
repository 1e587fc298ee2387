namespace Cascade.Reports;

/// <summary>
/// A year report's findings (互观互检 → 整改 → 销号): those recorded in the year (local bounds) on
/// units of the subtree, how many of them are closed (销号), and the mean days from recording to
/// closing over the closed ones (one decimal; null when none is closed).
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.report.findings")]
public sealed record FindingCounts(
    [property: Id(0)] int Raised,
    [property: Id(1)] int Closed,
    [property: Id(2)] double? MeanDaysToClose)
{
    public static readonly FindingCounts Zero = new(0, 0, null);
}
