using Cascade.Audit;
using Cascade.Wall;

namespace Cascade.Units;

public sealed partial class OrganizationGrain
{
    public async Task<Result<UnitInfo>> CreateUnit(UnitDraft draft, string actor)
    {
        var unit = new UnitInfo(draft.Id, draft.ParentId, draft.Name, draft.Kind, draft.Sort);
        if (_units.TryGetValue(draft.Id, out var existing) && existing == unit) return Result<UnitInfo>.Ok(existing);
        if (CheckCreate(unit, new TreeBatch()) is { } refused) return refused;
        await Commit([new StructureChange(StructureChangeKind.Create, unit, null, Stamp(actor))]);
        return Result<UnitInfo>.Created(unit);
    }

    public async Task<Result<int>> ImportUnits(IReadOnlyList<UnitDraft> drafts, string actor)
    {
        var stamp = Stamp(actor);
        var batch = new TreeBatch();
        var changes = new List<StructureChange>(drafts.Count);
        foreach (var draft in drafts)
        {
            var unit = new UnitInfo(draft.Id, draft.ParentId, draft.Name, draft.Kind, draft.Sort);
            if (CheckCreate(unit, batch) is { } refused) return refused.As<int>();
            batch.Add(unit);
            changes.Add(new StructureChange(StructureChangeKind.Create, unit, null, stamp));
        }
        await Commit(changes);
        return Result<int>.Ok(changes.Count);
    }

    /// <summary>The shape rules over the directory (one object: the directory's dictionaries are never replaced).</summary>
    private TreeRules Rules => _rules ??= new(_units, _children);
    private TreeRules? _rules;

    private Result<UnitInfo>? CheckCreate(UnitInfo unit, TreeBatch batch) => Rules.CheckCreate(unit, state.State.RootId, batch);

    private AuditStamp Stamp(string actor) => new(actor, clock.Now);

    private int ChildCount(string id) => Rules.ChildCount(id);

    public async Task<Result<UnitInfo>> UpdateUnit(string id, UnitPatch patch, string actor)
    {
        if (!_units.TryGetValue(id, out var current)) return Result<UnitInfo>.NotFound($"Unit '{id}' does not exist.");
        var parent = patch.ParentGiven ? patch.ParentId : current.ParentId;
        if (Rules.CheckParent(current, parent) is { } refused) return refused;
        var next = current with
        {
            Name = patch.Name ?? current.Name, Kind = patch.Kind ?? current.Kind,
            Sort = patch.Sort ?? current.Sort, ParentId = parent,
        };
        if (next == current) return Result<UnitInfo>.Ok(current);
        await Commit([new StructureChange(StructureChangeKind.Update, next, current.ParentId, Stamp(actor))]);
        return Result<UnitInfo>.Ok(next);
    }

    public async Task<Result<bool>> DeleteUnit(string id, string actor)
    {
        if (!_units.TryGetValue(id, out var current)) return Result<bool>.NotFound($"Unit '{id}' does not exist.");
        if (ChildCount(id) > 0)
            return Result<bool>.Conflict($"Unit '{id}' still has {ChildCount(id)} child units.");
        var deleted = await Commit([new StructureChange(StructureChangeKind.Delete, current, current.ParentId, Stamp(actor))]);
        return deleted;
    }

    /// <summary>
    /// Records the intent durably, applies it to the unit grains, then clears it: a crash in
    /// between is finished by <see cref="OnActivateAsync"/>. The directory follows the outcome.
    /// </summary>
    private async Task<Result<bool>> Commit(List<StructureChange> changes)
    {
        state.State.Pending = changes;
        await state.WriteStateAsync();
        var outcome = await ApplyAll(changes);
        state.State.Pending = [];
        await state.WriteStateAsync();
        // Walls watching any of these places call Watch again to see the new shape.
        var touched = changes.SelectMany(c => new[] { c.Unit.Id, c.Unit.ParentId, c.OldParentId }).OfType<string>().Distinct().ToList();
        foreach (var feed in WallPartitions.All(GrainFactory)) feed.StructureChanged(touched).Ignore();
        GrainFactory.GetGrain<Cascade.Directives.IDirectiveIndexGrain>(Cascade.Directives.IDirectiveIndexGrain.Key).TreeChanged().Ignore();
        return outcome;
    }

    private async Task<Result<bool>> ApplyAll(List<StructureChange> changes)
    {
        var outcome = Result<bool>.Ok(true);
        var creates = changes.Where(c => c.Kind == StructureChangeKind.Create).ToList();
        if (creates.Count > 0) await ApplyCreates(creates);
        foreach (var change in changes.Where(c => c.Kind != StructureChangeKind.Create))
            outcome = change.Kind == StructureChangeKind.Update ? await ApplyUpdate(change) : await ApplyDelete(change);
        return outcome;
    }

    /// <summary>
    /// Unit writes under way at once during an import: enough for the storage's batching (SQLite's
    /// group commit), few enough that none waits behind so many others that it outlasts the Azure
    /// SDK's 8 s network timeout on a slow account.
    /// </summary>
    private const int ImportInFlight = 200;

    private async Task ApplyCreates(List<StructureChange> creates)
    {
        await InFlight(creates, c => Unit(c.Unit.Id).Initialize(c.Unit, c.Stamp));
        var units = creates.Select(c => c.Unit).ToList();
        foreach (var unit in units)
        {
            _units[unit.Id] = unit;
            _children.TryAdd(unit.Id, []);
            if (unit.ParentId is null) state.State.RootId = unit.Id;
            else AddToDirectory(unit.ParentId, unit.Id);
        }
        // Deepest parents adopt first, so each adoption already carries its whole subtree.
        var byParent = units.Where(u => u.ParentId is not null).GroupBy(u => u.ParentId!)
            .GroupBy(g => Depth(g.Key)).OrderByDescending(level => level.Key);
        foreach (var level in byParent)
            await InFlight(level, g => Unit(g.Key).AddChildren(g.Select(u => u.Id).ToList()));
    }

    /// <summary>Calls <paramref name="call"/> for each item, at most <see cref="ImportInFlight"/> under way at once, on the grain's scheduler.</summary>
    private static async Task InFlight<T>(IEnumerable<T> items, Func<T, Task> call)
    {
        var running = new List<Task>(ImportInFlight);
        foreach (var item in items)
        {
            if (running.Count == ImportInFlight)
            {
                var done = await Task.WhenAny(running);
                running.Remove(done);
                await done; // its failure fails the import, as before
            }
            running.Add(call(item));
        }
        await Task.WhenAll(running);
    }

    /// <summary>Records a parent link in the in-memory directory (idempotent, for replays).</summary>
    private void AddToDirectory(string parentId, string childId)
    {
        var siblings = _children.TryGetValue(parentId, out var list) ? list : _children[parentId] = [];
        if (!siblings.Contains(childId)) siblings.Add(childId);
    }

    private int Depth(string id)
    {
        var depth = 0;
        for (var at = _units.GetValueOrDefault(id)?.ParentId; at is not null; at = _units.GetValueOrDefault(at)?.ParentId) depth++;
        return depth;
    }

    private async Task<Result<bool>> ApplyUpdate(StructureChange change)
    {
        var unit = change.Unit;
        await Unit(unit.Id).SetInfo(unit, change.Stamp);
        if (change.OldParentId != unit.ParentId)
        {
            if (change.OldParentId is { } old)
            {
                await Unit(old).RemoveChild(unit.Id);
                _children.GetValueOrDefault(old)?.Remove(unit.Id);
            }
            if (unit.ParentId is { } parent)
            {
                await Unit(parent).AddChildren([unit.Id]);
                AddToDirectory(parent, unit.Id);
            }
        }
        _units[unit.Id] = unit;
        return Result<bool>.Ok(true);
    }

    private async Task<Result<bool>> ApplyDelete(StructureChange change)
    {
        var id = change.Unit.Id;
        var deleted = await Unit(id).TryDelete(change.Stamp);
        if (!deleted.Succeeded) return deleted;
        if (change.Unit.ParentId is { } parent)
        {
            await Unit(parent).RemoveChild(id);
            _children.GetValueOrDefault(parent)?.Remove(id);
        }
        else if (state.State.RootId == id) state.State.RootId = null;
        _units.Remove(id);
        _children.Remove(id);
        return Result<bool>.Ok(true);
    }
}
