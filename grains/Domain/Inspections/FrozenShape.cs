using Cascade.Units;

namespace Cascade.Inspections;

/// <summary>The scope's subtree as the directory lists it at <c>takenAt</c>: the shape an inspection freezes.</summary>
public static class FrozenShape
{
    /// <summary>
    /// The units of <paramref name="scope"/>'s subtree from the whole directory (parents before
    /// children, depth-first), each with its order, the order of its subtree's last unit and its
    /// depth below the scope; null when the scope is not in the directory.
    /// </summary>
    public static ShapeUnit[]? Of(IReadOnlyList<UnitInfo> directory, string scope)
    {
        var start = -1;
        for (var i = 0; i < directory.Count && start < 0; i++) if (directory[i].Id == scope) start = i;
        if (start < 0) return null;
        var depths = new Dictionary<string, int>(StringComparer.Ordinal) { [scope] = 0 };
        var units = new List<UnitInfo> { directory[start] };
        var depthOf = new List<int> { 0 };
        // Depth-first: the subtree is the run of units after the scope whose parent is already in it.
        for (var i = start + 1; i < directory.Count; i++)
        {
            var unit = directory[i];
            if (unit.ParentId is not { } parent || !depths.TryGetValue(parent, out var above)) break;
            depths[unit.Id] = above + 1;
            units.Add(unit);
            depthOf.Add(above + 1);
        }
        var last = new int[units.Count];
        var open = new Stack<int>();
        for (var i = 0; i < units.Count; i++)
        {
            while (open.Count > 0 && depthOf[open.Peek()] >= depthOf[i]) last[open.Pop()] = i - 1;
            open.Push(i);
        }
        while (open.Count > 0) last[open.Pop()] = units.Count - 1;
        var shape = new ShapeUnit[units.Count];
        for (var i = 0; i < units.Count; i++) shape[i] = new(units[i], i, last[i], depthOf[i]);
        return shape;
    }
}
