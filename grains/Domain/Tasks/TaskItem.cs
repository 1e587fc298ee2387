using Cascade.Text;

namespace Cascade.Tasks;

/// <summary>A piece of work owned by one unit, as stored in that unit's grain.</summary>
[GenerateSerializer, Immutable, Alias("cascade.task")]
public sealed record TaskItem
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Title { get; init; }
    [Id(2)] public Track Track { get; init; }
    [Id(3)] public double Weight { get; init; } = 1;
    [Id(4)] public DateOnly Start { get; init; }
    [Id(5)] public DateOnly Due { get; init; }
    [Id(6)] public TaskItemStatus Status { get; init; }
    [Id(7)] public int Progress { get; init; }
    [Id(8)] public string Note { get; init; } = "";
    [Id(9)] public long Version { get; init; }
    [Id(10)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(11)] public string? UpdatedBy { get; init; }
    [Id(12)] public string? DirectiveId { get; init; }
    /// <summary>
    /// <see cref="UpdatedBy"/>'s display name as it was when the task was written (null in tasks
    /// stored before names were kept, and for the system: <see cref="ActorNames.Of"/> answers then).
    /// </summary>
    [Id(13)] public string? UpdatedByName { get; init; }

    /// <summary>True when the user-visible fields equal; version and update stamps are ignored.</summary>
    public bool SameContent(TaskItem other) =>
        Id == other.Id && Title == other.Title && Track == other.Track && Weight.Equals(other.Weight)
        && Start == other.Start && Due == other.Due && Status == other.Status
        && Progress == other.Progress && Note == other.Note && DirectiveId == other.DirectiveId;
}
