namespace Cascade.Directives;

/// <summary>One target of an owner's shard: placed (holds its copy), failed (with the reason), or still pending.</summary>
[GenerateSerializer, Immutable, Alias("cascade.copy-target")]
public sealed record CopyTarget(
    [property: Id(0)] string UnitId,
    [property: Id(1)] CopyTargetState State,
    /// <summary>For a failed target: idTaken, taskLimit or unitGone.</summary>
    [property: Id(2)] string? Reason = null);

[GenerateSerializer]
public enum CopyTargetState
{
    Pending = 0,
    Placed = 1,
    Failed = 2,
}
