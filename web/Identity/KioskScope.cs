using System.Globalization;
using System.Security.Claims;
using Cascade.Units;
using Cascade.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cascade.Web.Identity;

/// <summary>
/// What a kiosk token may read on the API: its unit and the units below it down to its depth,
/// as its wall shows them, and no task notes. A person's reads are not limited here (every
/// signed-in person may read every unit).
/// </summary>
public sealed class KioskScope(IGrainFactory grains)
{
    public static bool IsKiosk(ClaimsPrincipal user) => user.FindFirstValue(Kiosks.KioskClaim) is not null;

    /// <summary>The kiosk's unit and depth, or null for a person.</summary>
    public static (string UnitId, int Depth)? Of(ClaimsPrincipal user) =>
        IsKiosk(user) && user.UnitId() is { } unit
            ? (unit, int.Parse(user.FindFirstValue(Kiosks.DepthClaim)!, CultureInfo.InvariantCulture)) : null;

    /// <summary>
    /// How many levels <paramref name="unitId"/> lies below the kiosk's unit (0 for the unit
    /// itself); null outside its reach. Always 0 for a person.
    /// </summary>
    public async Task<int?> LevelOf(ClaimsPrincipal user, string unitId)
    {
        if (Of(user) is not { } scope) return 0;
        var (home, depth) = scope;
        if (unitId == home) return 0;
        var ancestors = await grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key).Ancestors(unitId);
        var level = ancestors.ToList().IndexOf(home) + 1;
        return level > 0 && level <= depth ? level : null;
    }

    /// <summary>Whether the caller may read <paramref name="unitId"/> and <paramref name="below"/> levels under it.</summary>
    public async Task<bool> MayRead(ClaimsPrincipal user, string unitId, int below = 0) =>
        await LevelOf(user, unitId) is { } level && (Of(user) is not { } scope || level + below <= scope.Depth);

    /// <summary>Of a list of units (parents before children), those the caller may read.</summary>
    public static IReadOnlyList<UnitInfo> Filter(ClaimsPrincipal user, IReadOnlyList<UnitInfo> units)
    {
        if (Of(user) is not { } scope) return units;
        var (home, depth) = scope;
        var levels = new Dictionary<string, int>(StringComparer.Ordinal) { [home] = 0 };
        var kept = new List<UnitInfo>();
        foreach (var unit in units)
        {
            if (unit.Id != home)
            {
                if (unit.ParentId is not { } parent || !levels.TryGetValue(parent, out var above) || above + 1 > depth) continue;
                levels[unit.Id] = above + 1;
            }
            kept.Add(unit);
        }
        return kept;
    }

    /// <summary>
    /// Of <paramref name="items"/>, those whose unit (<paramref name="unitOf"/>) the caller may
    /// see: for a kiosk the units to its depth (alerts of units deeper than its wall shows stay
    /// out of its view); for a person all of them, without reading the organization.
    /// </summary>
    public async Task<IReadOnlyList<T>> KeepShown<T>(ClaimsPrincipal user, IReadOnlyList<T> items, Func<T, string> unitOf)
    {
        if (!IsKiosk(user) || items.Count == 0) return items;
        var units = await grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key).ListUnits(null) ?? [];
        var shown = Filter(user, units).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        return [.. items.Where(item => shown.Contains(unitOf(item)))];
    }

    public static ProblemHttpResult Refusal(ClaimsPrincipal user) =>
        Problems.Forbidden(
            Of(user) is { } scope ? $"This kiosk shows unit '{scope.UnitId}' to depth {scope.Depth}." : "Forbidden.");
}
