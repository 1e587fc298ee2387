using Cascade.Rollup;
using Cascade.Tasks;

namespace Cascade.Directives;

/// <summary>
/// A directive as the wall's 交办事项 panel shows it (docs/api.md "Live push", <c>directives</c>);
/// <see cref="Removed"/>: withdrawn, the wall drops it.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.directive-row")]
public sealed record DirectiveRow(
    [property: Id(0)] string Id,
    [property: Id(1)] string IssuerUnitId,
    [property: Id(2)] string Title,
    [property: Id(3)] Track Track,
    [property: Id(4)] DateOnly Due,
    [property: Id(5)] int TargetCount,
    [property: Id(6)] int DoneUnits,
    [property: Id(7)] int OverdueUnits,
    [property: Id(8)] double? Progress,
    [property: Id(9)] double? Expected,
    [property: Id(10)] Health Health,
    [property: Id(11)] long Version,
    [property: Id(12)] bool Removed = false)
{
    public static DirectiveRow Of(Directive d, int targetCount, CopyTotals t, HealthOptions o) =>
        new(d.Id, d.IssuerUnitId, d.Title, d.Track, d.Due, targetCount, t.DoneUnits, t.OverdueUnits,
            t.All.Progress, t.All.Expected, HealthRules.HealthOf(t.All, o), d.Version);
}
