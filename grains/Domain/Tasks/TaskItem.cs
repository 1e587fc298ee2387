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
    /// <summary>
    /// When the status last became done; null while not done. A task stored done before this
    /// field existed has null here, and <see cref="DoneSince"/> answers its last write instead.
    /// </summary>
    [Id(14)] public DateTimeOffset? DoneAt { get; init; }
    /// <summary>The task's labels (<see cref="TaskRules.CheckTags"/>), trimmed; null or empty: none.</summary>
    [Id(15)] public string[]? Tags { get; init; }
    /// <summary>For a copy: the owner version whose owned fields it carries (only newer ones apply).</summary>
    [Id(16)] public long OwnerVersion { get; init; }
    /// <summary>For a copy: the owner's shard that lists this unit, told after the unit's own writes of the copy.</summary>
    [Id(17)] public int CopyShard { get; init; }
    /// <summary>For a copy: the unit that handed it down.</summary>
    [Id(18)] public string? IssuerUnitId { get; init; }

    /// <summary>How its expected progress grows (<see cref="Tasks.Expectation"/>); linear for tasks stored before it existed.</summary>
    [Id(19)] public Expectation Expectation { get; init; }

    /// <summary>For a schedule's instance: the schedule, and the period (<c>2026-12</c>, <c>2026-q4</c>, ...) it is the duty of.</summary>
    [Id(20)] public string? ScheduleId { get; init; }
    [Id(21)] public string? Period { get; init; }
    /// <summary>Its owner was deleted: the copy became the unit's own task (the owner reference kept for history).</summary>
    [Id(22)] public bool Released { get; init; }
    /// <summary>A closed finding's rectification task (已销号): nothing of it changes any more (docs/domain.md "Findings").</summary>
    [Id(23)] public bool Locked { get; init; }

    /// <summary>The directive or schedule this task is a copy of (kept after release, for history).</summary>
    public string? OwnerId => DirectiveId ?? ScheduleId;

    /// <summary>A copy of a directive or a schedule's instance (its owned fields are the owner's).</summary>
    public bool IsCopy => OwnerId is not null && !Released;

    /// <summary><see cref="DoneAt"/>, or for a done task stored before it was kept, its last write (the closest known bound).</summary>
    public DateTimeOffset? DoneSince => Status == TaskItemStatus.Done ? DoneAt ?? UpdatedAt : null;

    /// <summary>True when the task carries <paramref name="tag"/> (ordinal, as stored).</summary>
    public bool HasTag(string tag) => Tags is { } tags && Array.IndexOf(tags, tag) >= 0;

    /// <summary>True when the user-visible fields equal; version and update stamps are ignored.</summary>
    public bool SameContent(TaskItem other) =>
        Id == other.Id && Title == other.Title && Track == other.Track && Weight.Equals(other.Weight)
        && Start == other.Start && Due == other.Due && Status == other.Status
        && Progress == other.Progress && Note == other.Note && DirectiveId == other.DirectiveId && ScheduleId == other.ScheduleId && Expectation == other.Expectation
        && TaskRules.SameTags(Tags, other.Tags);
}
