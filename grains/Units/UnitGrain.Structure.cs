using Cascade.Audit;

namespace Cascade.Units;

public sealed partial class UnitGrain
{
    public async Task<UnitView?> Get()
    {
        await Reserved();
        return Exists && Rollup.Summary is { } summary ? new UnitView(state.State.Info!, state.State.Children.ToArray(), summary) : null;
    }

    public Task<UnitNode?> GetNode() => Task.FromResult(
        Exists ? new UnitNode(state.State.Info!, state.State.Children.ToArray()) : null);

    public async Task Initialize(UnitInfo unit, AuditStamp stamp)
    {
        if (state.State.Info == unit) return; // a replayed create
        state.State.Info = unit;
        Record(stamp, AuditActions.UnitCreate, null, null, AuditSnapshots.Unit(unit));
        await WriteState();
        StartClocks();
        Rollup.SumChildren(state.State.Children);
        if (Recompute(tasks: true)) await Store();
    }

    public async Task SetInfo(UnitInfo unit, AuditStamp stamp)
    {
        if (state.State.Info == unit) return; // a replayed update
        var before = state.State.Info;
        var moved = before?.ParentId != unit.ParentId;
        state.State.Info = unit;
        Record(stamp, AuditActions.UnitUpdate, null, before is null ? null : AuditSnapshots.Unit(before), AuditSnapshots.Unit(unit));
        await WriteState();
        if (moved) Rollup.ReportedVersion = 0; // the new parent adopts this unit's current report
    }

    public async Task AddChildren(IReadOnlyList<string> childIds)
    {
        var added = childIds.Where(c => !Rollup.IsChild(c)).ToList();
        if (added.Count > 0)
        {
            state.State.Children.AddRange(added);
            Rollup.Adopt(added);
            await WriteState();
        }
        await ReadChildren(childIds);
        await Flush();
    }

    public async Task RemoveChild(string childId)
    {
        Rollup.Drop(childId);
        if (state.State.Children.Remove(childId)) await WriteState();
        await SumChildren();
        await Flush();
    }

    public async Task<Result<bool>> TryDelete(AuditStamp stamp)
    {
        if (!Exists) return Result<bool>.Ok(true);
        if (state.State.Children.Count > 0)
            return Result<bool>.Conflict($"Unit '{Id}' still has {state.State.Children.Count} child units.");
        if (state.State.Tasks.Count > 0)
            return Result<bool>.Conflict($"Unit '{Id}' still has {state.State.Tasks.Count} tasks.");
        // Kept without Info rather than cleared: the deletion's audit draft must be stored with it.
        var deleted = state.State.Info!;
        state.State.Info = null;
        Record(stamp, AuditActions.UnitDelete, null, AuditSnapshots.Unit(deleted), null);
        await WriteState();
        await Audit.Flush();
        Rollup.Clear();
        _meter.Set(null);
        return Result<bool>.Ok(true);
    }
}
