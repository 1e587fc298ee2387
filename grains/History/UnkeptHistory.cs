namespace Cascade.History;

/// <summary>
/// The history store of a provider that has none yet (<c>azureTable</c>): keeps nothing and reads
/// nothing, so the day grains run and every day answers without points (docs/architecture.md "History").
/// </summary>
public sealed class UnkeptHistory : IHistoryStore
{
    public Task Append(IReadOnlyList<HistoryPoint> points) => Task.CompletedTask;

    public Task<IReadOnlyList<HistoryPoint>> Read(string unitId, DateOnly from, DateOnly to) => Task.FromResult<IReadOnlyList<HistoryPoint>>([]);

    public Task<IReadOnlyList<HistoryPoint>> ReadDay(DateOnly day, string unitId, int depth) => Task.FromResult<IReadOnlyList<HistoryPoint>>([]);

    public Task<int> Prune(DateOnly before) => Task.FromResult(0);
}
