namespace Cascade.Audit;

/// <summary>A chain's head as it was at <see cref="At"/>: later, entry <see cref="Seq"/> must still exist with <see cref="Hash"/>.</summary>
[GenerateSerializer, Immutable, Alias("cascade.audit-checkpoint")]
public sealed record AuditCheckpoint(
    [property: Id(0)] string Chain,
    [property: Id(1)] long Seq,
    [property: Id(2)] string Hash,
    [property: Id(3)] string At);
