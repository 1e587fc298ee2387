namespace Cascade.Tasks;

/// <summary>
/// A JSON merge patch of a task: a null property was not given. Its fields are checked at the
/// HTTP edge; id 8 is retired (it carried the parser's errors into the grain).
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.task-patch")]
public sealed record TaskPatch
{
    [Id(0)] public string? Title { get; init; }
    [Id(1)] public Track? Track { get; init; }
    [Id(2)] public double? Weight { get; init; }
    [Id(3)] public DateOnly? Start { get; init; }
    [Id(4)] public DateOnly? Due { get; init; }
    [Id(5)] public TaskItemStatus? Status { get; init; }
    [Id(6)] public int? Progress { get; init; }
    /// <summary>The new note; "" when the patch cleared it with null.</summary>
    [Id(7)] public string? Note { get; init; }
    /// <summary>The whole new list of labels (merge patch: it replaces the stored one); [] clears it; null: unchanged.</summary>
    [Id(9)] public string[]? Tags { get; init; }
    [Id(10)] public Expectation? Expectation { get; init; }
}
