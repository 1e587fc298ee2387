using Cascade.History;

namespace Cascade.Web.History;

/// <summary>
/// One day of <c>GET /units/{id}/history</c>: the unit's stored parent, name and depth that day
/// and its figures, all null when the day has no point (the day was before history began, was
/// pruned, was missed while Cascade was down, or the unit was not at a recorded depth).
/// </summary>
public sealed record HistoryEntry(DateOnly Day, string? ParentId, string? Name, int? Depth, PointFigures? Figures)
{
    public static HistoryEntry Of(DateOnly day, HistoryPoint? point) =>
        point is null ? new(day, null, null, null, null) : new(day, point.ParentId, point.Name, point.Depth, point.Figures);
}
