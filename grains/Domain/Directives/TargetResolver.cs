using Cascade.Units;

namespace Cascade.Directives;

/// <summary>
/// Resolves a <see cref="TargetSpec"/> against the tree: the distinct target ids in ordinal order,
/// or the first problems (a unit that does not exist, one not strictly below the issuer, none at
/// all, more than <see cref="MaxTargets"/>). Plain logic over the unit list.
/// </summary>
public static class TargetResolver
{
    public const int MaxTargets = 100_000;
    private const int Named = 5;

    public static Result<List<string>> Resolve(string issuerId, TargetSpec spec, IReadOnlyList<UnitInfo> units)
    {
        var parents = new Dictionary<string, string?>(units.Count, StringComparer.Ordinal);
        var children = new Dictionary<string, List<UnitInfo>>(StringComparer.Ordinal);
        foreach (var unit in units)
        {
            parents[unit.Id] = unit.ParentId;
            if (unit.ParentId is { } parent)
            {
                if (!children.TryGetValue(parent, out var list)) children[parent] = list = [];
                list.Add(unit);
            }
        }
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        var missing = new List<string>();
        var outside = new List<string>();
        foreach (var id in spec.UnitIds ?? [])
        {
            if (!parents.ContainsKey(id)) missing.Add(id);
            else if (!StrictlyBelow(id, issuerId, parents)) outside.Add(id);
            else chosen.Add(id);
        }
        if (spec.Under is { } under)
        {
            if (!parents.ContainsKey(under)) missing.Add(under);
            else if (under != issuerId && !StrictlyBelow(under, issuerId, parents)) outside.Add(under);
            else Collect(under, spec.Kinds, children, chosen);
        }
        if (missing.Count > 0) return Result<List<string>>.Invalid("targets", $"These units do not exist: {List(missing)}.");
        if (outside.Count > 0) return Result<List<string>>.Invalid("targets", $"Targets must lie strictly below the issuer '{issuerId}': {List(outside)}.");
        if (chosen.Count == 0) return Result<List<string>>.Invalid("targets", "The targets name no unit: give unitIds, or under (with kinds) below which units exist.");
        if (chosen.Count > MaxTargets) return Result<List<string>>.Invalid("targets", $"At most {MaxTargets} targets ({chosen.Count} given).");
        var ids = chosen.ToList();
        ids.Sort(StringComparer.Ordinal);
        return Result<List<string>>.Ok(ids);
    }

    public static string List(IReadOnlyList<string> ids) =>
        string.Join(", ", ids.Take(Named).Select(id => $"'{id}'")) + (ids.Count > Named ? $" and {ids.Count - Named} more" : "");

    private static bool StrictlyBelow(string id, string ancestorId, Dictionary<string, string?> parents)
    {
        var at = parents.GetValueOrDefault(id);
        for (var steps = 0; at is not null && steps <= parents.Count; steps++)
        {
            if (at == ancestorId) return true;
            at = parents.GetValueOrDefault(at);
        }
        return false;
    }

    private static void Collect(string under, IReadOnlyList<UnitKind>? kinds, Dictionary<string, List<UnitInfo>> children, HashSet<string> into)
    {
        var stack = new Stack<string>();
        stack.Push(under);
        while (stack.TryPop(out var at))
        {
            if (!children.TryGetValue(at, out var below)) continue;
            foreach (var child in below)
            {
                if (kinds is null || kinds.Count == 0 || kinds.Contains(child.Kind)) into.Add(child.Id);
                stack.Push(child.Id);
            }
        }
    }
}
