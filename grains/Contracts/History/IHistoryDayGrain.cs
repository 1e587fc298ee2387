namespace Cascade.History;

/// <summary>
/// One day's history points (key: the local date, <c>2026-12-07</c>; docs/architecture.md "History").
/// Every node's clock asks today's to take them; only the first ask inside the window after local
/// midnight does the work, and a take cut off by a crash goes on from its cursor.
/// </summary>
public interface IHistoryDayGrain : IGrainWithStringKey
{
    /// <summary>Takes the day's points if it is today, inside the window, and not done yet; answers whether the day is done.</summary>
    Task<bool> Take();
}
