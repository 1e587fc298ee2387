namespace Cascade.Rollup;

/// <summary>
/// One health rule that holds for a summary: which, its value (the lag or the share) and the
/// level it reaches (red or amber) (docs/api.md "Summary", <c>healthReasons</c>). A struct: a
/// red or amber summary's reasons cost one array.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.health-reason")]
public readonly record struct HealthReason(
    [property: Id(0)] HealthRule Reason,
    [property: Id(1)] double Value,
    [property: Id(2)] Health Level);
