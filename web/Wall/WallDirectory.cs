using Cascade.Units;

namespace Cascade.Web.Wall;

/// <summary>
/// This host's copy of the tree's shape, to know which units a watch covers. Reloaded from
/// the organization grain when the feed reports a structure change.
/// </summary>
public sealed class WallDirectory
{
    private Dictionary<string, List<string>> _children = [];

    public void Load(IReadOnlyList<UnitInfo> units)
    {
        var children = units.ToDictionary(u => u.Id, _ => new List<string>());
        foreach (var unit in units)
            if (unit.ParentId is { } parent && children.TryGetValue(parent, out var list)) list.Add(unit.Id);
        _children = children;
    }

    public bool Contains(string unitId) => _children.ContainsKey(unitId);

    /// <summary>The unit and every unit down to <paramref name="depth"/> levels below it.</summary>
    public HashSet<string> View(string unitId, int depth)
    {
        var view = new HashSet<string>();
        if (!_children.ContainsKey(unitId)) return view;
        var level = new List<string> { unitId };
        for (var d = 0; d <= depth && level.Count > 0; d++)
        {
            view.UnionWith(level);
            level = level.SelectMany(id => _children.GetValueOrDefault(id) ?? []).ToList();
        }
        return view;
    }
}
