using System.Text.Json.Serialization;
using Cascade.Tasks;
using Cascade.Time;

namespace Cascade.Web.Api;

/// <summary>api.md <c>Task</c>; <c>overdue</c> is evaluated when it is read.</summary>
public sealed record TaskDto(
    string Id, string UnitId, string Title, Track Track, double Weight, DateOnly Start, DateOnly Due,
    TaskItemStatus Status, int Progress, string Note, long Version, DateTimeOffset UpdatedAt,
    string? UpdatedBy, bool Overdue, string? DirectiveId)
{
    public static TaskDto From(string unitId, TaskItem t, DomainClock clock) => new(
        t.Id, unitId, t.Title, t.Track, t.Weight, t.Start, t.Due, t.Status, t.Progress, t.Note,
        t.Version, t.UpdatedAt, t.UpdatedBy, clock.IsOverdue(t, clock.Now), t.DirectiveId);

    [JsonIgnore]
    public string ETag => $"\"{Version}\"";
}
