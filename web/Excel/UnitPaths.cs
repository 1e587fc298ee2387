using Cascade.Units;

namespace Cascade.Web.Excel;

/// <summary>The units a sheet covers, parents first, each with its name path (宁夏…/机关党委/办公室党支部).</summary>
public static class UnitPaths
{
    /// <summary><paramref name="all"/>: every unit, parents before children (as the organization lists them).</summary>
    public static IReadOnlyList<(string Id, string Path)> Of(IReadOnlyList<UnitInfo> all, string unitId, bool subtree)
    {
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        var inside = new HashSet<string>(StringComparer.Ordinal) { unitId };
        var result = new List<(string, string)>();
        foreach (var unit in all)
        {
            var path = unit.ParentId is { } parent && paths.TryGetValue(parent, out var above) ? $"{above}/{unit.Name}" : unit.Name;
            paths[unit.Id] = path;
            if (unit.Id != unitId && !(subtree && unit.ParentId is { } p && inside.Contains(p))) continue;
            inside.Add(unit.Id);
            result.Add((unit.Id, path));
        }
        return result;
    }
}
