namespace Cascade.History;

/// <summary>The stored structure of one day: which of its points lie in a subtree, and the tree they make.</summary>
public static class HistorySubtree
{
    /// <summary>
    /// The points of <paramref name="dayPoints"/> (one day's) that lie within <paramref name="depth"/>
    /// levels below <paramref name="unitId"/> by their stored parents, the unit first; empty when it has no point.
    /// </summary>
    public static IReadOnlyList<HistoryPoint> Select(IEnumerable<HistoryPoint> dayPoints, string unitId, int depth)
    {
        var byParent = new Dictionary<string, List<HistoryPoint>>(StringComparer.Ordinal);
        HistoryPoint? top = null;
        foreach (var p in dayPoints)
        {
            if (p.UnitId == unitId) top = p;
            if (p.ParentId is { } parent)
                (byParent.TryGetValue(parent, out var list) ? list : byParent[parent] = []).Add(p);
        }
        if (top is null) return [];
        var selected = new List<HistoryPoint> { top };
        var level = new List<HistoryPoint> { top };
        for (var d = 0; d < depth && level.Count > 0; d++)
        {
            var next = new List<HistoryPoint>();
            foreach (var p in level)
                if (byParent.TryGetValue(p.UnitId, out var children)) next.AddRange(children);
            selected.AddRange(next);
            level = next;
        }
        return selected;
    }

    /// <summary>The tree of <see cref="Select"/>'s points: children by name, then id.</summary>
    public static HistoryNode? Tree(IReadOnlyList<HistoryPoint> selected)
    {
        if (selected.Count == 0) return null;
        var byParent = selected.Skip(1).GroupBy(p => p.ParentId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.UnitId, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        HistoryNode Build(HistoryPoint p) => new(p.UnitId, p.ParentId, p.Name, p.Kind, p.Depth, p.Figures,
            byParent.TryGetValue(p.UnitId, out var children) ? children.Select(Build).ToList() : []);
        return Build(selected[0]);
    }
}
