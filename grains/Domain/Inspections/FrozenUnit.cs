using Cascade.Rollup;
using Cascade.Units;

namespace Cascade.Inspections;

/// <summary>
/// One frozen unit's row, without its tasks and alerts (<see cref="UnitSnapshot"/>, kept apart so a
/// tree reads no task): its place in the frozen shape and its subtree's totals as of <c>takenAt</c>.
/// </summary>
/// <param name="Order">Its position in the frozen shape, parents before children (depth-first, as the directory lists them); the scope is 0.</param>
/// <param name="Last">The order of the last unit of its subtree: its subtree is exactly <c>Order..Last</c>.</param>
/// <param name="Depth">Levels below the inspection's scope unit (the scope is 0): relative, not from the root.</param>
/// <param name="Totals">The additive figures over its frozen subtree (the open-alert count of its own alerts and those below).</param>
/// <param name="Reasons">The health rules that held over <paramref name="Totals"/>, worst first.</param>
[GenerateSerializer, Immutable, Alias("cascade.frozen-unit")]
public sealed record FrozenUnit(
    [property: Id(0)] string UnitId,
    [property: Id(1)] string? ParentId,
    [property: Id(2)] string Name,
    [property: Id(3)] UnitKind Kind,
    [property: Id(4)] int Sort,
    [property: Id(5)] int Order,
    [property: Id(6)] int Last,
    [property: Id(7)] int Depth,
    [property: Id(8)] SubtreeTotals Totals,
    [property: Id(9)] HealthReason[] Reasons)
{
    /// <summary>The frozen summary: the version is <c>takenAt</c> in microseconds, as live versions follow the clock.</summary>
    public Summary SummaryAt(DateTimeOffset takenAt) =>
        RollupMath.ToSummary(UnitId, Totals, Reasons.Length == 0 ? HealthRules.None : Reasons, takenAt.ToUnixTimeMilliseconds() * 1000, takenAt);

    public UnitInfo Info => new(UnitId, ParentId, Name, Kind, Sort);
}
