namespace Cascade.Alerts;

/// <summary>
/// Where the open-alert index's partitions keep their rows, one per unit with open alerts
/// (decision 010), beside the grain states of the configured provider. A partition writes only
/// the units whose open alerts changed since its last flush.
/// </summary>
public interface IAlertIndexStore
{
    /// <summary>Every row of <paramref name="partition"/>.</summary>
    Task<IReadOnlyList<AlertIndexRow>> Load(int partition);

    /// <summary>
    /// Writes <paramref name="changed"/> (each replacing that unit's row) and deletes the rows of
    /// <paramref name="removed"/> (a missing row counts as deleted), together: one transaction in
    /// SQLite, entity-group batches of at most 100 in Azure Table Storage. Writing the same again is harmless.
    /// </summary>
    Task Save(int partition, IReadOnlyList<AlertIndexRow> changed, IReadOnlyList<string> removed);
}
