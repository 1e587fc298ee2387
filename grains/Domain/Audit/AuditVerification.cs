namespace Cascade.Audit;

/// <summary>
/// The answer of <c>GET /api/v1/audit/verify</c>: <see cref="Entries"/> checked; when not
/// <see cref="Ok"/>, the first bad place found, chains taken in ordinal order of their names.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.audit-verification")]
public sealed record AuditVerification(
    [property: Id(0)] bool Ok,
    [property: Id(1)] long Entries,
    [property: Id(2)] long? FirstBadSeq,
    [property: Id(3)] string? Chain,
    [property: Id(4)] string? Problem);
