namespace Cascade.Reports;

/// <summary>How many alerts of one rule were raised in the year (fired within its local bounds).</summary>
[GenerateSerializer, Immutable, Alias("cascade.report.rule")]
public sealed record RuleCount(
    [property: Id(0)] string Rule,
    [property: Id(1)] int Raised);
