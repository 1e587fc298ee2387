using Cascade.Inspections;
using Cascade.Rollup;

namespace Cascade.Web.Inspections;

/// <summary>
/// docs/api.md <c>Inspection</c>: the request, <c>state</c> (<c>capturing</c>, then <c>captured</c>),
/// <c>takenAt</c> (the directory read: every frozen figure is as of it), <c>capturedAt</c> (the last
/// unit's row stored), the number of frozen units and, once captured, the scope's frozen summary.
/// </summary>
public sealed record InspectionDto(
    string Id, string Title, string Period, string UnitId, IReadOnlyList<string> InspectorUnitIds, string State,
    DateTimeOffset TakenAt, DateTimeOffset? CapturedAt, int Units, string CreatedBy, Summary? Summary)
{
    public static InspectionDto From(InspectionHeader h, Summary? summary) => new(
        h.Id, h.Request.Title, h.Request.Period, h.Request.UnitId, h.Request.InspectorUnitIds, h.State,
        h.TakenAt, h.CapturedAt, h.Units, h.CreatedBy, summary);
}
