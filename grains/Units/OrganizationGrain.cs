using Cascade.Audit;
using Cascade.Storage;
using Cascade.Time;

namespace Cascade.Units;

/// <summary>
/// Owns the tree's shape. Keeps an in-memory directory of every unit, rebuilt on activation
/// by walking the unit grains from the root, and serializes every structure change.
/// </summary>
public sealed partial class OrganizationGrain(
    [PersistentState("organization", StorageNames.Default)] IPersistentState<OrganizationState> state,
    DomainClock clock)
    : Grain, IOrganizationGrain, IRemindable
{
    private readonly Dictionary<string, UnitInfo> _units = [];
    private readonly Dictionary<string, List<string>> _children = [];

    private IUnitGrain Unit(string id) => GrainFactory.GetGrain<IUnitGrain>(id);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await LoadDirectory();
        if (state.State.Pending.Count > 0)
        {
            // A change was recorded but maybe not finished before a crash: finish it.
            await ApplyAll(state.State.Pending);
            state.State.Pending = [];
            await state.WriteStateAsync();
        }
        // The wake reminder brings every unit (and so its clock) back after a restart or the
        // loss of a node; the start-up pass covers the embedded in-memory reminder service.
        await this.RegisterOrUpdateReminder("wake", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));
    }

    private async Task LoadDirectory()
    {
        _units.Clear();
        _children.Clear();
        var level = state.State.RootId is { } root ? new List<string> { root } : [];
        while (level.Count > 0)
        {
            var nodes = await Task.WhenAll(level.Select(id => Unit(id).GetNode()));
            level = [];
            foreach (var node in nodes)
            {
                if (node is null) continue;
                _units[node.Unit.Id] = node.Unit;
                _children[node.Unit.Id] = [.. node.Children];
                level.AddRange(node.Children);
            }
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Wake();

    /// <summary>
    /// Wakes the root, which passes the wake down: no single turn sends to every unit, and a
    /// unit that lost its activation (a restart, a dead node) comes back with its clock.
    /// </summary>
    public Task<int> Wake()
    {
        if (state.State.RootId is { } root) Unit(root).Wake().Ignore();
        return Task.FromResult(_units.Count);
    }

    public Task<UnitInfo?> GetUnit(string id) => Task.FromResult(_units.GetValueOrDefault(id));

    public Task<bool> IsWithin(string unitId, string ancestorId) =>
        Task.FromResult(_units.ContainsKey(unitId) && Reaches(unitId, ancestorId));

    public Task<string?> GetRootId() => Task.FromResult(state.State.RootId);

    public Task<IReadOnlyList<string>> Ancestors(string unitId)
    {
        var path = new List<string>();
        for (var at = _units.GetValueOrDefault(unitId)?.ParentId; at is not null; at = _units.GetValueOrDefault(at)?.ParentId) path.Add(at);
        return Task.FromResult<IReadOnlyList<string>>(path);
    }

    public Task<IReadOnlyList<string>> Within(string ancestorId, IReadOnlyList<string> unitIds)
    {
        if (!_units.ContainsKey(ancestorId)) return Task.FromResult<IReadOnlyList<string>>([]);
        var inside = new List<string>();
        foreach (var id in unitIds)
            for (var at = _units.ContainsKey(id) ? id : null; at is not null; at = _units.GetValueOrDefault(at)?.ParentId)
                if (at == ancestorId)
                {
                    inside.Add(id);
                    break;
                }
        return Task.FromResult<IReadOnlyList<string>>(inside);
    }

    public Task<IReadOnlyList<UnitInfo>?> ListUnits(string? parentId)
    {
        if (parentId is not null)
            return Task.FromResult(_units.ContainsKey(parentId) ? (IReadOnlyList<UnitInfo>?)ChildrenOf(parentId).ToList() : null);
        var all = new List<UnitInfo>(_units.Count);
        if (state.State.RootId is { } root) Walk(_units[root], all);
        return Task.FromResult<IReadOnlyList<UnitInfo>?>(all);
    }

    private void Walk(UnitInfo unit, List<UnitInfo> into)
    {
        into.Add(unit);
        foreach (var child in ChildrenOf(unit.Id)) Walk(child, into);
    }

    private IEnumerable<UnitInfo> ChildrenOf(string id) =>
        _children.TryGetValue(id, out var ids)
            ? ids.Select(c => _units[c]).OrderBy(u => u.Sort).ThenBy(u => u.Id, StringComparer.Ordinal)
            : [];

    public async Task<TreeNode?> GetTree(string id, int depth)
    {
        if (!_units.TryGetValue(id, out var top)) return null;
        var included = new List<UnitInfo>();
        Collect(top, depth, included);
        var summaries = await Task.WhenAll(included.Select(u => Unit(u.Id).GetSummary()));
        var byId = included.Zip(summaries).ToDictionary(p => p.First.Id, p => p.Second);
        return Build(top, depth, byId);
    }

    private void Collect(UnitInfo unit, int depth, List<UnitInfo> into)
    {
        into.Add(unit);
        if (depth > 0) foreach (var child in ChildrenOf(unit.Id)) Collect(child, depth - 1, into);
    }

    private TreeNode Build(UnitInfo unit, int depth, Dictionary<string, Rollup.Summary?> summaries) => new(
        unit.Id, unit.ParentId, unit.Name, unit.Kind, unit.Sort, summaries[unit.Id]!,
        depth > 0 ? ChildrenOf(unit.Id).Select(c => Build(c, depth - 1, summaries)).ToList() : []);

    private bool Reaches(string candidate, string ancestor) => Rules.Reaches(candidate, ancestor);
}
