using Cascade.Units;

namespace Cascade.History;

/// <summary>
/// One unit's state on one day (docs/domain.md "History"), with the structure it had then: its
/// parent, name, kind and depth as the directory read them when the day's points were taken.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.history.point")]
public sealed record HistoryPoint(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] string UnitId,
    [property: Id(2)] string? ParentId,
    [property: Id(3)] string Name,
    [property: Id(4)] UnitKind Kind,
    [property: Id(5)] int Depth,
    [property: Id(6)] PointFigures Figures);
