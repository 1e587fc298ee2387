using System.Security.Claims;
using Cascade.Alerts;
using Cascade.Units;
using Cascade.Web.Identity;

namespace Cascade.Web.Alerts;

/// <summary>
/// The alerts of a unit and of every unit below it (as far as the caller may read), each listed
/// under its own unit wherever it has climbed to. The one place that knows how a subtree's alerts
/// are found: open ones from the open-alert index (one call to each of its partitions, docs/decisions/010),
/// resolved ones, which the index does not keep, from the units themselves, a bounded number of
/// grain calls at a time.
/// </summary>
public sealed class SubtreeAlerts(IGrainFactory grains, KioskScope scope)
{
    /// <summary>How many units are read at once: enough to hide the latency, few enough not to flood the silo.</summary>
    public const int Parallelism = 64;

    /// <summary>The alerts of <paramref name="top"/>'s subtree, resolved ones too when asked, in no particular order.</summary>
    public async Task<IReadOnlyList<Alert>> Read(ClaimsPrincipal user, string top, bool resolved, CancellationToken cancel = default)
    {
        // Open ones: a kiosk sees only the units to its depth.
        if (!resolved) return await scope.KeepShown(user, await AlertIndexPartitions.Subtree(grains, top), a => a.UnitId);
        var organization = grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key);
        var below = Below(KioskScope.Filter(user, await organization.ListUnits(null) ?? []), top);
        var found = new IReadOnlyList<Alert>[below.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, below.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancel },
            async (i, _) => found[i] = await grains.GetGrain<IUnitGrain>(below[i]).GetAlerts(resolved));
        return [.. found.SelectMany(alerts => alerts)];
    }

    /// <summary>The unit and every unit below it.</summary>
    internal static List<string> Below(IReadOnlyList<UnitInfo> all, string top)
    {
        var inside = new HashSet<string>(StringComparer.Ordinal) { top };
        var order = new List<string> { top };
        foreach (var u in all) // parents come before their children
            if (u.Id != top && u.ParentId is { } parent && inside.Contains(parent) && inside.Add(u.Id)) order.Add(u.Id);
        return order;
    }
}
