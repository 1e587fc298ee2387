using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Cascade.Identity;

namespace Cascade.Web.Identity;

/// <summary>
/// Whether a signed-in principal still holds: a user must exist, be enabled, carry the
/// stamp its credential was issued under and a session not signed out; a kiosk must not be revoked. Asked on every request
/// (<see cref="CurrentUserCheck"/>) and every few seconds for open wall connections.
/// <para>
/// Answers are remembered for <see cref="Fresh"/>: a script sends thousands of requests a
/// second under one token, and a grain call plus a new principal for each cost a tenth of an
/// update. A change made through this node forgets the answer at once (<see cref="Forget"/>);
/// other nodes of a cluster see it within <see cref="Fresh"/>.
/// </para>
/// </summary>
public sealed class Credentials(IGrainFactory grains)
{
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(2);
    private const int Capacity = 50_000;

    private readonly ConcurrentDictionary<string, (ClaimsPrincipal? Principal, long Until)> _answers = new(StringComparer.Ordinal);

    /// <summary>The principal rebuilt from what is stored now, or null when it no longer signs anyone in.</summary>
    public async Task<ClaimsPrincipal?> Current(ClaimsPrincipal principal)
    {
        var scheme = principal.Identity?.AuthenticationType ?? "";
        var kioskId = principal.FindFirstValue(Kiosks.KioskClaim);
        var name = kioskId is null ? principal.Username() : null;
        if (kioskId is null && name is null) return null;
        var session = principal.SessionId();
        var key = $"{(kioskId is null ? "u" : "k")}|{kioskId ?? name}|{principal.FindFirstValue(CascadeClaims.Stamp)}|{scheme}|{session}";
        var now = Stopwatch.GetTimestamp();
        if (_answers.TryGetValue(key, out var known) && known.Until > now) return known.Principal;

        ClaimsPrincipal? current;
        if (kioskId is not null)
            current = await grains.GetGrain<IKioskGrain>(kioskId).Get() is { } kiosk ? Kiosks.Principal(kiosk, scheme) : null;
        else
        {
            var user = await grains.GetGrain<IUserGrain>(name!).GetSession(session);
            current = user is null || user.Disabled || principal.FindFirstValue(CascadeClaims.Stamp) != user.Stamp.ToString(CultureInfo.InvariantCulture)
                ? null : CascadeClaims.For(user, scheme, session);
        }
        if (_answers.Count >= Capacity) _answers.Clear();
        _answers[key] = (current, now + (long)(Fresh.TotalSeconds * Stopwatch.Frequency));
        return current;
    }

    /// <summary>Forgets what was remembered about a user or a kiosk: called when this node changes one.</summary>
    public void Forget(string usernameOrKioskId)
    {
        foreach (var key in _answers.Keys)
            if (key.AsSpan(2).StartsWith(usernameOrKioskId + "|", StringComparison.Ordinal)) _answers.TryRemove(key, out _);
    }
}
