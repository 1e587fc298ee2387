using Cascade.Tasks;

namespace Cascade.Directives;

/// <summary>The fields a copy takes from its owner; a PATCH of the copy may not change them.</summary>
[GenerateSerializer, Immutable, Alias("cascade.copy-fields")]
public sealed record CopyFields(
    [property: Id(0)] string Title,
    [property: Id(1)] Track Track,
    [property: Id(2)] double Weight,
    [property: Id(3)] DateOnly Start,
    [property: Id(4)] DateOnly Due)
{
    public static CopyFields Of(TaskItem task) => new(task.Title, task.Track, task.Weight, task.Start, task.Due);

    /// <summary>The name of the first owned field <paramref name="next"/> changes against <paramref name="stored"/>, or null.</summary>
    public static string? FirstChange(TaskItem stored, TaskItem next) =>
        stored.Title != next.Title ? "title"
        : stored.Track != next.Track ? "track"
        : !stored.Weight.Equals(next.Weight) ? "weight"
        : stored.Start != next.Start ? "start"
        : stored.Due != next.Due ? "due"
        : null;
}
