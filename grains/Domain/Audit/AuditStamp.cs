namespace Cascade.Audit;

/// <summary>Who made a change and when, carried with a structure change to the unit that records it.</summary>
[GenerateSerializer, Immutable, Alias("cascade.audit-stamp")]
public sealed record AuditStamp(
    [property: Id(0)] string Actor,
    [property: Id(1)] DateTimeOffset At);
