using Cascade.Directives;
using Cascade.Tasks;

namespace Cascade.Web.Findings;

/// <summary>
/// A finding as the API answers it (docs/api.md "Findings"): what was recorded, its state, and
/// its rectification task <see cref="TaskId"/> in <see cref="UnitId"/> as that unit reports it.
/// </summary>
/// <param name="State">open, awaitingConfirmation or closed.</param>
/// <param name="Note">The note of the last confirmation or reopening.</param>
/// <param name="Task">The task's status, progress and whether it is overdue; null while it is not placed.</param>
public sealed record FindingDto(
    string Id, string InspectionId, string UnitId, string? InspectorUnitId, string Text, string Title, string TaskId,
    Track Track, double Weight, DateOnly Start, DateOnly Due, string State, string? Note, FindingTaskDto? Task,
    DateTimeOffset CreatedAt, string? CreatedBy, string? CreatedByName, DateTimeOffset UpdatedAt, string? UpdatedBy,
    DateTimeOffset? ClosedAt, string? ClosedBy, long Version)
{
    public static FindingDto From(FindingView view)
    {
        var d = view.Directive;
        var f = view.Finding;
        return new(f.Id, f.InspectionId, f.UnitId, f.InspectorUnitId, f.Text, d.Title, d.Id, d.Track, d.Weight, d.Start, d.Due,
            FindingRules.Name(f.State), f.Note, view.Task is { } t ? new(t.Status, t.Progress, t.Overdue, t.UpdatedAt, t.UpdatedByName ?? t.UpdatedBy) : null,
            d.CreatedAt, d.CreatedBy, f.ByName, d.UpdatedAt, d.UpdatedBy, f.ClosedAt, f.ClosedBy, d.Version);
    }
}

/// <summary>A finding's task as its unit last reported it.</summary>
public sealed record FindingTaskDto(TaskItemStatus Status, int Progress, bool Overdue, DateTimeOffset UpdatedAt, string? UpdatedBy);
