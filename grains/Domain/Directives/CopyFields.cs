using Cascade.Tasks;

namespace Cascade.Directives;

/// <summary>The fields a copy takes from its owner; a PATCH of the copy may not change them.</summary>
[GenerateSerializer, Immutable, Alias("cascade.copy-fields")]
public sealed record CopyFields(
    [property: Id(0)] string Title,
    [property: Id(1)] Track Track,
    [property: Id(2)] double Weight,
    [property: Id(3)] DateOnly Start,
    [property: Id(4)] DateOnly Due,
    [property: Id(5)] Expectation Expectation = Expectation.Linear)
{
    public static CopyFields Of(TaskItem task) => new(task.Title, task.Track, task.Weight, task.Start, task.Due, task.Expectation);
}
