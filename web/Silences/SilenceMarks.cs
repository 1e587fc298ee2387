using Cascade.Alerts;
using Cascade.Silences;
using Cascade.Units;

namespace Cascade.Web.Silences;

/// <summary>
/// Which of a list of alerts a silence covers now, for <c>silenced</c> and <c>silencedUntil</c> in the
/// alert answers (docs/api.md "Alerts"). Asks nothing when no silence holds (the usual case); else
/// the organization once per unit a subtree silence was placed on, to learn which alerts' units lie below it.
/// </summary>
public static class SilenceMarks
{
    private static readonly Func<Alert, Silence?> None = _ => null;

    public static async Task<Func<Alert, Silence?>> For(IReadOnlyCollection<Alert> alerts, SilenceBook book, IGrainFactory grains, DateTimeOffset now)
    {
        if (alerts.Count == 0) return None;
        var active = book.All.Where(s => s.IsActive(now)).ToList();
        if (active.Count == 0) return None;
        var units = alerts.Select(a => a.UnitId).Distinct().ToList();
        // For each alert's unit, the silenced units above it (or itself): all a subtree silence needs of its path.
        var above = units.ToDictionary(u => u, u => new List<string> { u }, StringComparer.Ordinal);
        var organization = grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key);
        foreach (var silenced in active.Where(s => s.Subtree).Select(s => s.UnitId).Distinct())
            foreach (var unit in await organization.Within(silenced, units))
                above[unit].Add(silenced);
        return alert => book.Covering(alert, above.GetValueOrDefault(alert.UnitId) ?? [alert.UnitId], now);
    }
}
