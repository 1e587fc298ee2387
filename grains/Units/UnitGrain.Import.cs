using Cascade.Audit;
using Cascade.Tasks;

namespace Cascade.Units;

/// <summary>A sheet import's rows for this unit (docs/api.md "Import"): <see cref="UnitImport"/> decides, the grain records and stores once.</summary>
public sealed partial class UnitGrain : IUnitImport
{
    private UnitImport? _import;
    private UnitImport? Importer => Exists ? _import ??= new(Id, () => state.State.Tasks, clock.YearStart) : null;

    public Task<IReadOnlyList<ImportOutcome>?> CheckImport(IReadOnlyList<ImportRow> rows, string? by) =>
        Task.FromResult<IReadOnlyList<ImportOutcome>?>(Importer?.Check(rows, clock.Now, by));

    public async Task<IReadOnlyList<ImportOutcome>?> ApplyImport(IReadOnlyList<ImportRow> rows, string? by, string? byName)
    {
        if (Importer is not { } importer) return null;
        var now = clock.Now;
        var outcomes = importer.Apply(rows, now, by, byName, out var created, out var updated);
        var changed = created.Count + updated.Count;
        if (changed == 0) return outcomes;
        var tasks = new List<TaskItem>(changed);
        tasks.AddRange(created);
        foreach (var (_, after) in updated) tasks.Add(after);
        await Done("import", Stamp(by, now), AuditActions.TaskImport, null, null, TaskSnapshots.Import(tasks), count: changed);
        return outcomes;
    }
}
