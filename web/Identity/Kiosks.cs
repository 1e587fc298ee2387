using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Cascade.Audit;
using Cascade.Identity;
using Cascade.Time;
using Microsoft.AspNetCore.DataProtection;

namespace Cascade.Web.Identity;

/// <summary>
/// Kiosk tokens: <c>{id}.{secret}</c>, 32 random bytes of secret, of which only the SHA-256 is
/// stored. A kiosk signs a wall in, read-only, for one unit and depth, until it is revoked.
/// </summary>
public sealed class Kiosks(IGrainFactory grains, DomainClock clock, IDataProtectionProvider protection)
{
    public const string Role = "kiosk";
    public const string KioskClaim = "cascade:kiosk";
    public const string DepthClaim = "cascade:depth";
    public const string DemoName = "演示大屏";
    /// <summary>The deepest view a kiosk may show: a wall watches no deeper (the wall's <c>WatchKey</c> takes it from here).</summary>
    public const int MaxDepth = 6;

    private readonly IDataProtector _demoProtector = protection.CreateProtector("Cascade.Kiosks.Demo");

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Creates a kiosk and answers it with its token, which is never shown again (the demo's excepted).</summary>
    public async Task<(KioskRecord Kiosk, string Token)> Create(string name, string unitId, int depth, string actor, bool demo = false)
    {
        while (true)
        {
            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
            var token = $"{id}.{Base64Url(RandomNumberGenerator.GetBytes(32))}";
            var kiosk = new KioskRecord(id, name, unitId, depth, clock.Now, null, Hash(token), demo ? _demoProtector.Protect(token) : null);
            if (await grains.GetGrain<IKioskGrain>(id).Create(kiosk, actor)) return (kiosk, token);
        }
    }

    /// <summary>The kiosk a token opens, or null.</summary>
    public async Task<KioskRecord?> Verify(string token)
    {
        var dot = token.IndexOf('.');
        if (dot is < 1 or > 32 || token.Length > 128) return null;
        return await grains.GetGrain<IKioskGrain>(token[..dot]).Verify(Hash(token), clock.Now);
    }

    /// <summary>
    /// The token of the demo's own kiosk for <paramref name="rootId"/>: the one made when the demo
    /// was seeded, or a new one when <paramref name="create"/>; null once an admin revoked it.
    /// </summary>
    public async Task<string?> DemoToken(string rootId, bool create)
    {
        foreach (var id in await grains.GetGrain<INameIndexGrain>(INameIndexGrain.Kiosks).List())
        {
            if (await grains.GetGrain<IKioskGrain>(id).Get() is not { ProtectedToken: { } kept } kiosk || kiosk.UnitId != rootId) continue;
            try
            {
                return _demoProtector.Unprotect(kept);
            }
            catch (CryptographicException)
            {
                // made with keys this host no longer has: make a new one
            }
        }
        return create ? (await Create(DemoName, rootId, 2, AuditActions.System, demo: true)).Token : null;
    }

    /// <summary>Why a kiosk may not watch this view (it shows the one unit it was made for, to its depth or less), or null when it may or when <paramref name="user"/> is no kiosk.</summary>
    /// <summary>
    /// The words of a wall refusal: the view a kiosk link allows. A wall reads the unit, its name
    /// and the depth back from the fixed part "only unit '{id}' ({name}) and {n} level(s) below
    /// it" (web/wwwroot/wall/connection.js), and does not ask again: the link will not allow more.
    /// </summary>
    public static string Refusal(string unitId, string? unitName, int depth) =>
        $"Refused by the kiosk link: it shows only unit '{unitId}' ({unitName ?? unitId}) and {depth} level{(depth == 1 ? "" : "s")} below it.";

    public static ClaimsPrincipal Principal(KioskRecord kiosk, string scheme) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.Name, $"kiosk:{kiosk.Id}"),
        new Claim(ClaimTypes.Role, Role),
        new Claim(KioskClaim, kiosk.Id),
        new Claim(CascadeClaims.Unit, kiosk.UnitId),
        new Claim(DepthClaim, kiosk.Depth.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ], scheme, ClaimTypes.Name, ClaimTypes.Role));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
