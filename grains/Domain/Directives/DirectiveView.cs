namespace Cascade.Directives;

/// <summary>A directive as read: the record, its resolved target count, its failed targets and its copies' roll-up.</summary>
[GenerateSerializer, Immutable, Alias("cascade.directive-view")]
public sealed record DirectiveView(
    [property: Id(0)] Directive Directive,
    [property: Id(1)] int TargetCount,
    [property: Id(2)] IReadOnlyList<CopyTarget> FailedTargets,
    [property: Id(3)] CopyTotals Rollup,
    /// <summary>When the roll-up was computed.</summary>
    [property: Id(4)] DateTimeOffset At);
