namespace Cascade.Reports;

/// <summary>
/// The year report (述职评议考核 material, docs/domain.md "Year report"): for a unit and the units
/// below it to <paramref name="Depth"/>, parents first, what their year holds. <paramref name="Cut"/>
/// is the instant "overdue" and "due" are judged at: the year's end (local), or
/// <paramref name="ComputedAt"/> for the current year. <paramref name="Department"/>: the root
/// unit's name, for the printed header. No ranks, no scores, no response times.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.report")]
public sealed record YearReport(
    [property: Id(0)] string UnitId,
    [property: Id(1)] int Year,
    [property: Id(2)] int Depth,
    [property: Id(3)] DateTimeOffset Cut,
    [property: Id(4)] DateTimeOffset ComputedAt,
    [property: Id(5)] IReadOnlyList<ReportRow> Rows,
    [property: Id(6)] string Department);
