using Cascade.Units;

namespace Cascade.Reports;

/// <summary>
/// One unit's row of a year report: every figure covers the unit and every unit below it (at any
/// depth, not only to the report's depth), as roll-ups do. <paramref name="Level"/>: 0 for the
/// report's unit, 1 for its children, ...
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.report.row")]
public sealed record ReportRow(
    [property: Id(0)] string UnitId,
    [property: Id(1)] string? ParentId,
    [property: Id(2)] string Name,
    [property: Id(3)] UnitKind Kind,
    [property: Id(4)] int Level,
    [property: Id(5)] TrackCounts Tasks,
    [property: Id(6)] TaskCounts Directives,
    [property: Id(7)] IReadOnlyList<DutyLine> Duties,
    [property: Id(8)] IReadOnlyList<RuleCount> Alerts,
    [property: Id(9)] IReadOnlyList<MonthPoint> Months,
    [property: Id(10)] IReadOnlyList<TagLine> Tags,
    [property: Id(11)] FindingCounts Findings);
