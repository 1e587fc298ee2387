using Cascade.Inspections;
using Cascade.Units;

namespace Cascade.Web.Inspections;

/// <summary>Frozen rows (a unit, then its subtree in the frozen order) shaped as <c>GET /units/{id}/tree</c> answers.</summary>
public static class FrozenTrees
{
    public static TreeNode Build(IReadOnlyList<FrozenUnit> rows, DateTimeOffset takenAt)
    {
        var children = rows.Skip(1).ToLookup(r => r.ParentId!, StringComparer.Ordinal);
        TreeNode Node(FrozenUnit row) => new(row.UnitId, row.ParentId, row.Name, row.Kind, row.Sort, row.SummaryAt(takenAt),
            [.. children[row.UnitId].Select(Node)]);
        return Node(rows[0]);
    }
}
