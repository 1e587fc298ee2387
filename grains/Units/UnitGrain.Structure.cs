using Cascade.Audit;

namespace Cascade.Units;

public sealed partial class UnitGrain
{
    public async Task<UnitView?> Get()
    {
        await Reserved();
        return Exists && _summary is not null ? new UnitView(state.State.Info!, state.State.Children.ToArray(), _summary) : null;
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
        RecomputeOwn();
        RecomputeChildren();
        Combine();
    }

    public async Task SetInfo(UnitInfo unit, AuditStamp stamp)
    {
        if (state.State.Info == unit) return; // a replayed update
        var before = state.State.Info;
        var moved = before?.ParentId != unit.ParentId;
        state.State.Info = unit;
        Record(stamp, AuditActions.UnitUpdate, null, before is null ? null : AuditSnapshots.Unit(before), AuditSnapshots.Unit(unit));
        await WriteState();
        if (moved) _reportedVersion = 0; // the new parent adopts this unit's current report
    }

    public async Task AddChildren(IReadOnlyList<string> childIds)
    {
        var added = childIds.Where(c => !_childIds.Contains(c)).ToList();
        if (added.Count > 0)
        {
            state.State.Children.AddRange(added);
            _childIds.UnionWith(added);
            await WriteState();
        }
        await ReadChildren(childIds);
        Flush();
    }

    public async Task RemoveChild(string childId)
    {
        _children.Remove(childId);
        _childIds.Remove(childId);
        if (state.State.Children.Remove(childId)) await WriteState();
        RecomputeChildren();
        Combine();
        Flush();
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
        _summary = null;
        MeterOpenAlerts();
        return Result<bool>.Ok(true);
    }
}
