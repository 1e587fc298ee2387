using Cascade.Alerts;
using Cascade.Tasks;

namespace Cascade.Inspections;

/// <summary>
/// What a unit answers an inspection in one call: its live tasks (archived ones left out) and its
/// own open alerts (escalated copies of units below are theirs, not its own).
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.unit-snapshot")]
public sealed record UnitSnapshot(
    [property: Id(0)] TaskItem[] Tasks,
    [property: Id(1)] Alert[] OpenAlerts);
