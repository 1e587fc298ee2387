namespace Cascade.Units;

/// <summary>The units of one import so far, with what <see cref="TreeRules.CheckCreate"/> needs of them in O(1).</summary>
public sealed class TreeBatch
{
    public HashSet<string> Ids { get; } = [];
    public Dictionary<string, int> Children { get; } = [];
    public bool HasRoot { get; private set; }

    public void Add(UnitInfo unit)
    {
        Ids.Add(unit.Id);
        if (unit.ParentId is null) HasRoot = true;
        else Children[unit.ParentId] = Children.GetValueOrDefault(unit.ParentId) + 1;
    }
}
