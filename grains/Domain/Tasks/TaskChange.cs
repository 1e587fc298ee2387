
namespace Cascade.Tasks;

/// <summary>A reported change of a task's status or progress (docs/api.md <c>Change</c>), for the wall's ticker.</summary>
[GenerateSerializer, Immutable, Alias("cascade.task-change")]
public sealed record TaskChange(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string UnitId,
    [property: Id(2)] string UnitName,
    [property: Id(3)] string TaskId,
    [property: Id(4)] string Title,
    [property: Id(5)] Track Track,
    [property: Id(6)] ChangePoint From,
    [property: Id(7)] ChangePoint To,
    [property: Id(8)] string? By,
    /// <summary>The display name of <see cref="By"/> when the change was made ("系统" for the system).</summary>
    [property: Id(9)] string? ByName = null);
