namespace Cascade.Tasks;

/// <summary>
/// One checked row of an imported sheet for one unit (docs/api.md "Import"): its fields as a merge
/// patch (a blank cell is null: it keeps the stored value), read and checked at the HTTP edge.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.import-row")]
public sealed record ImportRow
{
    /// <summary>The row's number in the sheet (the heading is row 1).</summary>
    [Id(0)] public int Row { get; init; }
    /// <summary>任务编号; null: a new task under a new id.</summary>
    [Id(1)] public string? TaskId { get; init; }
    [Id(2)] public TaskPatch Fields { get; init; } = new();
    /// <summary>版本 as the sheet carries it; null when blank.</summary>
    [Id(3)] public long? Version { get; init; }
    /// <summary>
    /// Set by the check for a row that changes a task: the version the change was checked against
    /// (0 for a new task), and the id a new task gets. The apply refuses the row when the task moved on.
    /// </summary>
    [Id(4)] public long CheckedVersion { get; init; }
}
