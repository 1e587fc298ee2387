namespace Cascade.History;

/// <summary>One track's progress and expected progress at a history point (0..1, to four decimals; null without tasks).</summary>
[GenerateSerializer, Immutable, Alias("cascade.history.track")]
public sealed record TrackPoint(
    [property: Id(0)] double? Progress,
    [property: Id(1)] double? Expected);
