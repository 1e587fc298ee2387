namespace Cascade.Units;

/// <summary>
/// The shape rules of docs/domain.md "Tree" over a directory of the units: one root, no cycles,
/// a parent that exists, at most <see cref="UnitRules.MaxChildren"/> children. Plain logic: the
/// organization grain, the one place every structure change passes, asks it before a change.
/// </summary>
public sealed class TreeRules(IReadOnlyDictionary<string, UnitInfo> units, IReadOnlyDictionary<string, List<string>> children)
{
    /// <summary>Why <paramref name="unit"/> cannot be created after the tree and <paramref name="batch"/>; null when it can.</summary>
    public Result<UnitInfo>? CheckCreate(UnitInfo unit, string? rootId, TreeBatch batch)
    {
        if (unit.ParentId is { } parent && !units.ContainsKey(parent) && !batch.Ids.Contains(parent))
            return Result<UnitInfo>.NotFound($"Parent unit '{parent}' does not exist.");
        if (units.ContainsKey(unit.Id) || batch.Ids.Contains(unit.Id))
            return Result<UnitInfo>.Conflict($"Unit '{unit.Id}' already exists with other values.");
        if (unit.ParentId is null && (rootId is not null || batch.HasRoot))
            return Result<UnitInfo>.Conflict("There is already a root unit; give a parentId.");
        if (unit.ParentId is { } p && ChildCount(p) + batch.Children.GetValueOrDefault(p) >= UnitRules.MaxChildren)
            return Result<UnitInfo>.Conflict($"Unit '{p}' already has {UnitRules.MaxChildren} children.");
        return null;
    }

    /// <summary>Why <paramref name="current"/> cannot get <paramref name="parent"/> as its parent; null when it can.</summary>
    public Result<UnitInfo>? CheckParent(UnitInfo current, string? parent)
    {
        if (parent is null && current.ParentId is not null)
            return Result<UnitInfo>.Conflict("Only the root unit has no parent.");
        if (parent is null || parent == current.ParentId) return null;
        if (!units.ContainsKey(parent)) return Result<UnitInfo>.NotFound($"Parent unit '{parent}' does not exist.");
        if (Reaches(parent, current.Id))
            return Result<UnitInfo>.Conflict($"Moving '{current.Id}' under '{parent}' would make a cycle.");
        if (ChildCount(parent) >= UnitRules.MaxChildren)
            return Result<UnitInfo>.Conflict($"Unit '{parent}' already has {UnitRules.MaxChildren} children.");
        return null;
    }

    /// <summary>True when <paramref name="candidate"/> is <paramref name="ancestor"/> or lies below it.</summary>
    public bool Reaches(string candidate, string ancestor)
    {
        for (string? at = candidate; at is not null; at = units[at].ParentId)
            if (at == ancestor) return true;
        return false;
    }

    public int ChildCount(string id) => children.TryGetValue(id, out var c) ? c.Count : 0;
}
