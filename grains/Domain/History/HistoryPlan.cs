using Cascade.Units;

namespace Cascade.History;

/// <summary>Which units get a point on a day: those at <see cref="HistoryOptions.Depth"/> or above, from the directory's list.</summary>
public static class HistoryPlan
{
    /// <summary>
    /// The units of <paramref name="directory"/> (every unit, parents before children, as
    /// <c>IOrganizationGrain.ListUnits(null)</c> answers) at depth &lt;= <paramref name="maxDepth"/>,
    /// each with its depth, in ordinal id order after <paramref name="cursor"/>.
    /// </summary>
    public static List<(UnitInfo Unit, int Depth)> Units(IReadOnlyList<UnitInfo> directory, int maxDepth, string? cursor)
    {
        var depths = new Dictionary<string, int>(directory.Count, StringComparer.Ordinal);
        var chosen = new List<(UnitInfo, int)>();
        foreach (var unit in directory)
        {
            var depth = unit.ParentId is null ? 0 : depths.TryGetValue(unit.ParentId, out var d) ? d + 1 : -1;
            if (depth < 0) continue; // a parent not listed: not part of the tree
            depths[unit.Id] = depth;
            if (depth <= maxDepth && (cursor is null || string.CompareOrdinal(unit.Id, cursor) > 0)) chosen.Add((unit, depth));
        }
        chosen.Sort((a, b) => string.CompareOrdinal(a.Item1.Id, b.Item1.Id));
        return chosen;
    }
}
