namespace Cascade.Reports;

/// <summary>The figures of the tasks carrying one label (效能目标考核, a branch's brand, ...): tasks by track and the directives' copies.</summary>
[GenerateSerializer, Immutable, Alias("cascade.report.tag")]
public sealed record TagLine(
    [property: Id(0)] string Tag,
    [property: Id(1)] TrackCounts Tasks,
    [property: Id(2)] TaskCounts Directives);
