namespace Cascade.Tasks;

/// <summary>
/// A task creation request, its fields already checked at the HTTP edge (a body with problems
/// never reaches the grain). Id 7 is retired: it carried the parser's errors into the grain.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.task-draft")]
public sealed record TaskDraft
{
    [Id(0)] public string? Id { get; init; }
    [Id(1)] public string Title { get; init; } = "";
    [Id(2)] public Track Track { get; init; }
    [Id(3)] public double Weight { get; init; } = 1;
    [Id(4)] public DateOnly Start { get; init; }
    [Id(5)] public DateOnly Due { get; init; }
    [Id(6)] public string Note { get; init; } = "";
    /// <summary>Only for seeding and bulk loads: the initial status and progress.</summary>
    [Id(8)] public TaskItemStatus Status { get; init; }
    [Id(9)] public int Progress { get; init; }
    /// <summary>The labels, already trimmed and checked; null: none.</summary>
    [Id(10)] public string[]? Tags { get; init; }
    [Id(11)] public Expectation Expectation { get; init; }
}
