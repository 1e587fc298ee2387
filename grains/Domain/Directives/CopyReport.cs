using Cascade.Tasks;

namespace Cascade.Directives;

/// <summary>A copy's own figures as its unit last wrote them: what the owner's roll-up and copy list read.</summary>
[GenerateSerializer, Immutable, Alias("cascade.copy-report")]
public sealed record CopyReport(
    [property: Id(0)] TaskItemStatus Status,
    [property: Id(1)] int Progress,
    [property: Id(2)] DateTimeOffset UpdatedAt,
    [property: Id(3)] string? UpdatedBy,
    [property: Id(4)] string? UpdatedByName,
    /// <summary>The copy's task version: a report older than the one held is ignored.</summary>
    [property: Id(5)] long TaskVersion,
    /// <summary>A schedule's instance: its period (a report of another period than the shard's current one is not its concern).</summary>
    [property: Id(6)] string? Period = null)
{
    public static CopyReport Of(TaskItem t) => new(t.Status, t.Progress, t.UpdatedAt, t.UpdatedBy, t.UpdatedByName, t.Version, t.Period);
}
