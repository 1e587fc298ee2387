namespace Cascade.Audit;

/// <summary>The filter of <c>GET /api/v1/audit</c>: entries about one unit, between two instants (inclusive).</summary>
[GenerateSerializer, Immutable, Alias("cascade.audit-query")]
public sealed record AuditQuery(
    [property: Id(0)] string? UnitId,
    [property: Id(1)] DateTimeOffset? From,
    [property: Id(2)] DateTimeOffset? To,
    [property: Id(3)] int Limit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
}
