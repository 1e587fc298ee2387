namespace Cascade.Units;

public sealed partial class UnitGrain
{
    public Task<UnitView?> Get() => Task.FromResult(
        Exists && _summary is not null ? new UnitView(state.State.Info!, state.State.Children.ToArray(), _summary) : null);

    public Task<UnitNode?> GetNode() => Task.FromResult(
        Exists ? new UnitNode(state.State.Info!, state.State.Children.ToArray()) : null);

    public async Task Initialize(UnitInfo unit)
    {
        if (state.State.Info == unit) return;
        state.State.Info = unit;
        await state.WriteStateAsync();
        StartClocks();
        RecomputeOwn();
        RecomputeChildren();
        Combine();
    }

    public async Task SetInfo(UnitInfo unit)
    {
        if (state.State.Info == unit) return;
        var moved = state.State.Info?.ParentId != unit.ParentId;
        state.State.Info = unit;
        await state.WriteStateAsync();
        if (moved) _reportedVersion = 0; // the new parent adopts this unit's current report
    }

    public async Task AddChildren(IReadOnlyList<string> childIds)
    {
        var added = childIds.Where(c => !_childIds.Contains(c)).ToList();
        if (added.Count > 0)
        {
            state.State.Children.AddRange(added);
            _childIds.UnionWith(added);
            await state.WriteStateAsync();
        }
        await LoadChildReports(childIds);
        RecomputeChildren();
        Combine();
        Flush();
    }

    public async Task RemoveChild(string childId)
    {
        _children.Remove(childId);
        _childIds.Remove(childId);
        if (state.State.Children.Remove(childId)) await state.WriteStateAsync();
        RecomputeChildren();
        Combine();
        Flush();
    }

    public async Task<Result<bool>> TryDelete()
    {
        if (!Exists) return Result<bool>.Ok(true);
        if (state.State.Children.Count > 0)
            return Result<bool>.Conflict($"Unit '{Id}' still has {state.State.Children.Count} child units.");
        if (state.State.Tasks.Count > 0)
            return Result<bool>.Conflict($"Unit '{Id}' still has {state.State.Tasks.Count} tasks.");
        await state.ClearStateAsync();
        state.State = new UnitState();
        _summary = null;
        DeactivateOnIdle();
        return Result<bool>.Ok(true);
    }
}
