namespace Cascade.Units;

/// <summary>
/// The single owner of the tree's shape (ids, parent links, order). It checks "one root"
/// and "no cycle" atomically because every structure change passes through it, one at a
/// time, and it records its intent before touching unit grains so a crash mid-change is
/// repaired on the next activation. Key: <see cref="Key"/>.
/// </summary>
public interface IOrganizationGrain : IGrainWithStringKey
{
    public const string Key = "cascade";

    // Every change names its actor (a username, or "system"): the audit trail records it.
    Task<Result<UnitInfo>> CreateUnit(UnitDraft draft, string actor);
    /// <summary>Creates many units at once, parents before children (demo, benchmarks).</summary>
    Task<Result<int>> ImportUnits(IReadOnlyList<UnitDraft> drafts, string actor);
    Task<Result<UnitInfo>> UpdateUnit(string id, UnitPatch patch, string actor);
    Task<Result<bool>> DeleteUnit(string id, string actor);

    Task<UnitInfo?> GetUnit(string id);
    /// <summary>Whether <paramref name="unitId"/> is <paramref name="ancestorId"/> or below it (an editor's reach).</summary>
    [Orleans.Concurrency.ReadOnly] Task<bool> IsWithin(string unitId, string ancestorId);
    Task<string?> GetRootId();
    /// <summary>The unit's ancestors from its parent to the root (where an alert escalates); reads memory only.</summary>
    [Orleans.Concurrency.AlwaysInterleave] Task<IReadOnlyList<string>> Ancestors(string unitId);
    /// <summary>Those of <paramref name="unitIds"/> that are <paramref name="ancestorId"/> or below it (the alert index's subtree answer); reads memory only.</summary>
    [Orleans.Concurrency.AlwaysInterleave] Task<IReadOnlyList<string>> Within(string ancestorId, IReadOnlyList<string> unitIds);
    /// <summary>Every unit, parents before children; null when <paramref name="parentId"/> is unknown.</summary>
    Task<IReadOnlyList<UnitInfo>?> ListUnits(string? parentId);
    Task<TreeNode?> GetTree(string id, int depth);
    /// <summary>Activates every unit so its clock runs; returns how many units there are.</summary>
    Task<int> Wake();
}
