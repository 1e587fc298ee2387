namespace Cascade.Inspections;

/// <summary>
/// Where inspections are kept (docs/architecture.md "Inspections"), beside the grain states of the
/// configured provider. Append-only: every method that writes inserts, a retried insert of a row
/// already stored is a no-op that keeps the first, and nothing updates or deletes a row. Built
/// for SQLite and Azure Table Storage; a PostgreSQL store would implement the same.
/// </summary>
public interface IInspectionStore
{
    /// <summary>The header, written once when the directory was read (a repeat keeps the first).</summary>
    Task AddHeader(InspectionHeader header);

    /// <summary>
    /// Rows of frozen units with their tasks and own open alerts, stored in the order given: one
    /// transaction in SQLite (the rows held are whole batches); in Azure Tables transactions of
    /// whole units one after another, so a batch cut off by a crash leaves its first units only.
    /// Either way the rows held are an unbroken run of a capture's (the shape's last units), which
    /// is what a resumed capture restores.
    /// </summary>
    Task Append(string inspectionId, IReadOnlyList<(FrozenUnit Unit, UnitSnapshot Work)> rows);

    /// <summary>The seal: every row is in. Written once, after the last row; its time is <c>capturedAt</c>.</summary>
    Task Seal(string inspectionId, DateTimeOffset capturedAt);

    /// <summary>One header with its seal's time, null when there is none.</summary>
    Task<InspectionHeader?> Header(string inspectionId);

    /// <summary>Every header, newest <c>takenAt</c> first.</summary>
    Task<IReadOnlyList<InspectionHeader>> Headers();

    /// <summary>
    /// The rows (without tasks and alerts) whose order lies in <paramref name="from"/>..<paramref name="to"/>
    /// and whose depth is at most <paramref name="maxDepth"/>, in order: a unit's subtree is its
    /// <c>Order..Last</c>.
    /// </summary>
    Task<IReadOnlyList<FrozenUnit>> Rows(string inspectionId, int from, int to, int maxDepth);

    /// <summary>One unit's row, null when the inspection holds none for it.</summary>
    Task<FrozenUnit?> Row(string inspectionId, string unitId);

    /// <summary>One unit's frozen tasks and own open alerts, null when the inspection holds none for it.</summary>
    Task<UnitSnapshot?> Work(string inspectionId, string unitId);
}
