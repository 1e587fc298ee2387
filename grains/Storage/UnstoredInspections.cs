using Cascade.Inspections;

namespace Cascade.Storage;

/// <summary>
/// The inspection store of a provider that has none yet (Azure Table Storage, for now): the list is
/// empty, and anything else fails as storage that cannot answer does (503), changing nothing.
/// </summary>
public sealed class UnstoredInspections : IInspectionStore
{
    private static Exception Missing() =>
        new OrleansException("Inspections are not stored with this storage provider yet (SQLite only).");

    public Task AddHeader(InspectionHeader header) => throw Missing();

    public Task Append(string inspectionId, IReadOnlyList<(FrozenUnit Unit, UnitSnapshot Work)> rows) => throw Missing();

    public Task Seal(string inspectionId, DateTimeOffset capturedAt) => throw Missing();

    public Task<InspectionHeader?> Header(string inspectionId) => throw Missing();

    public Task<IReadOnlyList<InspectionHeader>> Headers() => Task.FromResult<IReadOnlyList<InspectionHeader>>([]);

    public Task<IReadOnlyList<FrozenUnit>> Rows(string inspectionId, int from, int to, int maxDepth) => throw Missing();

    public Task<FrozenUnit?> Row(string inspectionId, string unitId) => throw Missing();

    public Task<UnitSnapshot?> Work(string inspectionId, string unitId) => throw Missing();
}
