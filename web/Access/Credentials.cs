using System.Globalization;
using System.Security.Claims;
using Cascade.Identity;

namespace Cascade.Web.Access;

/// <summary>
/// Whether a signed-in principal still holds: a user must exist, be enabled and carry the
/// stamp its credential was issued under; a kiosk must not be revoked. Asked on every request
/// (<see cref="CurrentUserCheck"/>) and every few seconds for open wall connections.
/// </summary>
public sealed class Credentials(IGrainFactory grains)
{
    /// <summary>The principal rebuilt from what is stored now, or null when it no longer signs anyone in.</summary>
    public async Task<ClaimsPrincipal?> Current(ClaimsPrincipal principal)
    {
        var scheme = principal.Identity?.AuthenticationType ?? "";
        if (principal.FindFirstValue(Kiosks.KioskClaim) is { } kioskId)
            return await grains.GetGrain<IKioskGrain>(kioskId).Get() is { } kiosk ? Kiosks.Principal(kiosk, scheme) : null;
        if (principal.Username() is not { } username) return null;
        var user = await grains.GetGrain<IUserGrain>(username).Get();
        if (user is null || user.Disabled || principal.FindFirstValue(CascadeClaims.Stamp) != user.Stamp.ToString(CultureInfo.InvariantCulture))
            return null;
        return CascadeClaims.For(user, scheme);
    }
}
