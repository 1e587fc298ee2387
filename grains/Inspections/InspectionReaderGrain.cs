using Orleans.Concurrency;

namespace Cascade.Inspections;

/// <summary>Stateless: as many activations as the load needs, each reading the store directly.</summary>
[StatelessWorker]
public sealed class InspectionReaderGrain(IInspectionStore store) : Grain, IInspectionReaderGrain
{
    public Task<IReadOnlyList<InspectionHeader>> Headers() => store.Headers();

    public Task<InspectionHeader?> Header(string inspectionId) => store.Header(inspectionId);

    public async Task<IReadOnlyList<FrozenUnit>> Subtree(string inspectionId, string unitId, int depth)
    {
        if (await store.Row(inspectionId, unitId) is not { } top) return [];
        return await store.Rows(inspectionId, top.Order, top.Last, top.Depth + depth);
    }

    public Task<UnitSnapshot?> Work(string inspectionId, string unitId) => store.Work(inspectionId, unitId);
}
