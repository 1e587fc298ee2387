using Cascade.Rollup;
using Cascade.Tasks;
using Cascade.Time;

namespace Cascade.Inspections;

/// <summary>
/// The frozen figures, summed bottom-up over the frozen shape (docs/domain.md "Inspections"): units
/// are added from the shape's end towards its start, so every unit comes after all of its
/// descendants; each unit's own totals are computed from its frozen tasks as of <c>takenAt</c> by
/// the roll-up's formulas, its children's totals added in the shape's order (as a live unit sums
/// its children), so the frozen tree adds up exactly. Plain logic: the capture asks the units.
/// </summary>
public sealed class FrozenTree(IReadOnlyList<ShapeUnit> shape, DateTimeOffset takenAt, DomainClock clock, HealthOptions health)
{
    /// <summary>Totals and health of added units whose parent is not added yet.</summary>
    private readonly Dictionary<string, (SubtreeTotals Totals, Health Health)> _waiting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _children = ChildrenOf(shape);

    /// <summary>The first order added so far (the shape's count while none is): everything from it to the end is in.</summary>
    public int Next { get; private set; } = shape.Count;

    public bool Complete => Next == 0;

    /// <summary>A row stored before (a resumed capture): its figures count as they were stored.</summary>
    public void Restore(FrozenUnit row)
    {
        Take(row.UnitId);
        _waiting[row.UnitId] = (row.Totals, row.SummaryAt(takenAt).Health);
        Next = Math.Min(Next, row.Order);
    }

    /// <summary>Adds the unit at <c>Next - 1</c> with what it answered (null: it was gone; it counts with no tasks).</summary>
    public FrozenUnit Add(UnitSnapshot? snapshot)
    {
        var at = shape[Next - 1];
        var unit = at.Unit;
        var own = OwnTotals(snapshot, takenAt, clock);
        var totals = own + Take(unit.Id);
        var reasons = HealthRules.ReasonsOf(totals.All, health);
        var row = new FrozenUnit(unit.Id, unit.ParentId, unit.Name, unit.Kind, unit.Sort, at.Order, at.Last, at.Depth, totals, [.. reasons]);
        _waiting[unit.Id] = (totals, row.SummaryAt(takenAt).Health);
        Next--;
        return row;
    }

    /// <summary>A unit's own totals from its frozen tasks and alerts as of <paramref name="at"/> (the open count is its own alerts).</summary>
    public static SubtreeTotals OwnTotals(UnitSnapshot? snapshot, DateTimeOffset at, DomainClock clock) =>
        RollupMath.OwnTotals(snapshot?.Tasks ?? [], at, clock) with { OpenAlerts = snapshot?.OpenAlerts.Length ?? 0 };

    /// <summary>The tasks a snapshot freezes: archived ones are out of every figure, so out of the inspection.</summary>
    public static TaskItem[] Live(IReadOnlyList<TaskItem> tasks, DateTimeOffset at, DomainClock clock)
    {
        var yearStart = clock.YearStart(at);
        return [.. tasks.Where(t => !Archive.IsArchived(t, yearStart))];
    }

    /// <summary>The children's totals in the shape's order, each leaving the waiting list.</summary>
    private SubtreeTotals Take(string unitId)
    {
        SubtreeTotals sum = default;
        if (!_children.TryGetValue(unitId, out var children)) return sum;
        foreach (var child in children)
            if (_waiting.Remove(child, out var report)) sum += RollupMath.AsChild(report.Totals, report.Health);
        return sum;
    }

    private static Dictionary<string, List<string>> ChildrenOf(IReadOnlyList<ShapeUnit> shape)
    {
        var children = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 1; i < shape.Count; i++)
        {
            var parent = shape[i].Unit.ParentId!;
            if (!children.TryGetValue(parent, out var list)) children[parent] = list = [];
            list.Add(shape[i].Unit.Id);
        }
        return children;
    }
}
