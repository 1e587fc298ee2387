namespace Cascade.Reports;

/// <summary>
/// One schedule's instances in a year report (e.g. 党课 4 / 4): of its instances due in the year
/// by the report's cut, how many are done, and how many were done by their due date.
/// <paramref name="Title"/> is the latest such instance's title.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.report.duty")]
public sealed record DutyLine(
    [property: Id(0)] string ScheduleId,
    [property: Id(1)] string Title,
    [property: Id(2)] int Due,
    [property: Id(3)] int Done,
    [property: Id(4)] int DoneOnTime);
