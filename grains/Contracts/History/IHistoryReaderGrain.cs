namespace Cascade.History;

/// <summary>Reads the history store for the API (stateless: any node, as many activations as needed).</summary>
public interface IHistoryReaderGrain : IGrainWithIntegerKey
{
    /// <summary>One unit's points from <paramref name="from"/> to <paramref name="to"/>, oldest first.</summary>
    Task<IReadOnlyList<HistoryPoint>> Read(string unitId, DateOnly from, DateOnly to);

    /// <summary>The tree of <paramref name="unitId"/> on <paramref name="day"/> to <paramref name="depth"/> levels, as stored; null when the unit has no point that day.</summary>
    Task<HistoryNode?> Tree(DateOnly day, string unitId, int depth);
}
