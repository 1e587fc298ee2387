using Cascade.Identity;

namespace Cascade.Web.Identity;

/// <summary>A kiosk as <c>GET /api/v1/kiosks</c> lists it: never its token.</summary>
public sealed record KioskDto(string Id, string Name, string UnitId, int Depth, DateTimeOffset CreatedAt, DateTimeOffset? LastSeenAt)
{
    public static KioskDto From(KioskRecord k) => new(k.Id, k.Name, k.UnitId, k.Depth, k.CreatedAt, k.LastSeenAt);
}
