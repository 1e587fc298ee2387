using Cascade.Units;

namespace Cascade.Reports;

/// <summary>
/// Which units a year report reads and where each is counted: its <see cref="Rows"/> are the unit
/// and the units below it to the depth (parents first), its <see cref="Members"/> every unit of
/// the subtree with the row it counts toward (itself, or its ancestor at the report's depth).
/// </summary>
public sealed class ReportScope
{
    private readonly Dictionary<string, string> _rowOf;

    private ReportScope(List<(UnitInfo, int)> rows, List<(string, string)> members, Dictionary<string, string> rowOf)
    {
        Rows = [.. rows.Select(r => (r.Item1, r.Item2))];
        Members = [.. members.Select(m => (m.Item1, m.Item2))];
        _rowOf = rowOf;
    }

    public IReadOnlyList<(UnitInfo Unit, int Level)> Rows { get; }

    public IReadOnlyList<(string UnitId, string RowId)> Members { get; }

    /// <summary>The row a unit of the subtree counts toward; null for a unit outside it.</summary>
    public string? RowOf(string unitId) => _rowOf.GetValueOrDefault(unitId);

    /// <summary>From the directory's units (parents before children); null when <paramref name="unitId"/> is not among them.</summary>
    public static ReportScope? Of(IReadOnlyList<UnitInfo> units, string unitId, int depth)
    {
        var rows = new List<(UnitInfo, int)>();
        var members = new List<(string, string)>();
        var rowOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var level = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var unit in units)
        {
            int at;
            if (unit.Id == unitId) at = 0;
            else if (unit.ParentId is { } parent && level.TryGetValue(parent, out var above)) at = above + 1;
            else continue;
            level[unit.Id] = at;
            var row = at <= depth ? unit.Id : rowOf[unit.ParentId!];
            if (at <= depth) rows.Add((unit, at));
            rowOf[unit.Id] = row;
            members.Add((unit.Id, row));
        }
        return rows.Count == 0 ? null : new ReportScope(rows, members, rowOf);
    }
}
