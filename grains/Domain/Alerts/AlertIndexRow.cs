namespace Cascade.Alerts;

/// <summary>
/// One stored row of an open-alert index partition (decision 010): the open alerts one unit
/// announced and the version of the newest announcement applied. A unit with none has no row.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.alert-index-row")]
public sealed record AlertIndexRow(
    [property: Id(0)] string UnitId,
    [property: Id(1)] long Version,
    [property: Id(2)] IReadOnlyList<Alert> Open);
