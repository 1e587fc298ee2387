namespace Cascade.Reports;

/// <summary>
/// A year report's task figures (docs/domain.md "Year report"): of the tasks due in the year,
/// how many there are, how many are done, how many were done by their due date (by
/// <c>doneAt</c>), and how many were overdue at the report's cut (the year's end, or now for
/// the current year). Additive: a row's figures are the sums over its subtree.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.report.counts")]
public sealed record TaskCounts(
    [property: Id(0)] int Count,
    [property: Id(1)] int Done,
    [property: Id(2)] int DoneOnTime,
    [property: Id(3)] int Overdue)
{
    public static readonly TaskCounts Zero = new(0, 0, 0, 0);
}
