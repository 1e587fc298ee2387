namespace Cascade.Reports;

/// <summary>
/// A month of a year report's progress against expected (the <c>all</c> set's, 0..1), from the
/// unit's history point of <paramref name="Day"/>: the first day of the next month (its state at
/// local 00:00, i.e. at the month's end), or today for the month holding today. Null figures: no point.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.report.month")]
public sealed record MonthPoint(
    [property: Id(0)] int Month,
    [property: Id(1)] DateOnly Day,
    [property: Id(2)] double? Progress,
    [property: Id(3)] double? Expected);
