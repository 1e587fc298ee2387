namespace Cascade.Reports;

/// <summary>Task figures per track (党建, 业务) and for both together.</summary>
[GenerateSerializer, Immutable, Alias("cascade.report.tracks")]
public sealed record TrackCounts(
    [property: Id(0)] TaskCounts Party,
    [property: Id(1)] TaskCounts Business,
    [property: Id(2)] TaskCounts All)
{
    public static readonly TrackCounts Zero = new(TaskCounts.Zero, TaskCounts.Zero, TaskCounts.Zero);
}
