namespace Cascade.Rollup;

/// <summary>What a unit tells its parent after its summary changed.</summary>
[GenerateSerializer, Immutable, Alias("cascade.child-report")]
public sealed record ChildReport(
    [property: Id(0)] string ChildId,
    [property: Id(1)] long Version,
    [property: Id(2)] SubtreeTotals Totals,
    [property: Id(3)] Health Health,
    /// <summary>Task changes reported in the child's subtree since its last report, oldest first.</summary>
    [property: Id(4)] IReadOnlyList<Tasks.TaskChange>? Changes = null,
    /// <summary>
    /// When (microseconds since 1970, on the clock of the node that summed it) the oldest change this
    /// report carries first moved a figure in the subtree: what the root measures roll-up
    /// propagation from. 0: none.
    /// </summary>
    [property: Id(5)] long Origin = 0);
