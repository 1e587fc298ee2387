using Cascade.Tasks;

namespace Cascade.Directives;

/// <summary>One placed copy as the owner's copy list shows it (docs/api.md "Directives", copies).</summary>
[GenerateSerializer, Immutable, Alias("cascade.copy-row")]
public sealed record CopyRow(
    [property: Id(0)] string UnitId,
    [property: Id(1)] TaskItemStatus Status,
    [property: Id(2)] int Progress,
    [property: Id(3)] bool Overdue,
    [property: Id(4)] DateTimeOffset UpdatedAt,
    [property: Id(5)] string? UpdatedBy,
    [property: Id(6)] string? UpdatedByName);

/// <summary>Which copies a list asks for: by status, or the overdue ones.</summary>
[GenerateSerializer]
public enum CopyFilter
{
    All = 0,
    NotStarted = 1,
    InProgress = 2,
    Blocked = 3,
    Done = 4,
    Overdue = 5,
}
