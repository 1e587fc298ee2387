namespace Cascade.History;

/// <summary>
/// Where the daily history points live (docs/architecture.md "History"), beside the grain states
/// of the configured provider: a row per unit and day with the figures in <see cref="PointCodec"/>'s
/// form, and the unit's parent, name, kind and depth kept once per change (a row whenever they
/// differ from the unit's previous point), which reads resolve: every point read carries the
/// structure it had on its day. Built for SQLite and Azure Table Storage; PostgreSQL would
/// implement the same four calls.
/// </summary>
public interface IHistoryStore
{
    /// <summary>
    /// Stores <paramref name="points"/> together (one transaction in SQLite). A point whose unit
    /// and day are stored already is left as it is, so a batch repeated after a crash adds nothing.
    /// </summary>
    Task Append(IReadOnlyList<HistoryPoint> points);

    /// <summary>The points of <paramref name="unitId"/> from <paramref name="from"/> to <paramref name="to"/> (both included), oldest first.</summary>
    Task<IReadOnlyList<HistoryPoint>> Read(string unitId, DateOnly from, DateOnly to);

    /// <summary>
    /// Every point of <paramref name="day"/> in the subtree of <paramref name="unitId"/> to
    /// <paramref name="depth"/> levels below it, by the structure stored that day
    /// (<see cref="HistorySubtree"/>); empty when the unit has no point that day.
    /// </summary>
    Task<IReadOnlyList<HistoryPoint>> ReadDay(DateOnly day, string unitId, int depth);

    /// <summary>
    /// Deletes every point of a day before <paramref name="before"/>, and the structure rows no
    /// remaining point resolves to; answers how many points.
    /// </summary>
    Task<int> Prune(DateOnly before);
}
