using Orleans.Concurrency;

namespace Cascade.History;

/// <summary>Stateless: as many activations as the load needs, each reading the store directly.</summary>
[StatelessWorker]
public sealed class HistoryReaderGrain(IHistoryStore store) : Grain, IHistoryReaderGrain
{
    public Task<IReadOnlyList<HistoryPoint>> Read(string unitId, DateOnly from, DateOnly to) => store.Read(unitId, from, to);

    public async Task<HistoryNode?> Tree(DateOnly day, string unitId, int depth) =>
        HistorySubtree.Tree(await store.ReadDay(day, unitId, depth));
}
