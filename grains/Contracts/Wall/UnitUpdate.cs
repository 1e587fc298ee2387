using Cascade.Tasks;
using Cascade.Rollup;

namespace Cascade.Wall;

/// <summary>
/// A watched unit's new summary, with the task changes reported in its subtree since its
/// last update (newest last), so a wall watching a unit sees its whole subtree's ticker, and
/// the unit's own alerts that changed.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.unit-update")]
public sealed record UnitUpdate(
    [property: Id(0)] string UnitId,
    [property: Id(1)] long Version,
    [property: Id(2)] Summary Summary,
    [property: Id(3)] IReadOnlyList<TaskChange> Changes,
    /// <summary>The unit's alerts that fired, changed or escalated since its last update.</summary>
    [property: Id(4)] IReadOnlyList<Cascade.Alerts.Alert>? Alerts = null);
