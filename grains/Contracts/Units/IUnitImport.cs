using Cascade.Tasks;

namespace Cascade.Units;

/// <summary>
/// A unit's side of a sheet import (docs/api.md "Import"), on the unit grain itself (the same
/// activation as <see cref="IUnitGrain"/> under the same key): check rows against the stored tasks
/// without changing them, and apply checked rows in one state write.
/// </summary>
public interface IUnitImport : IGrainWithStringKey
{
    /// <summary>Each row's verdict under the task rules; null when the unit does not exist.</summary>
    Task<IReadOnlyList<ImportOutcome>?> CheckImport(IReadOnlyList<ImportRow> rows, string? by);

    /// <summary>
    /// Applies rows the check passed, all in one write with one <c>task.import</c> audit entry (none
    /// when nothing changed). A row whose task changed since its check is a conflict; a row already
    /// applied by this writer (a resumed job) counts as applied. Null when the unit does not exist.
    /// </summary>
    Task<IReadOnlyList<ImportOutcome>?> ApplyImport(IReadOnlyList<ImportRow> rows, string? by, string? byName);
}
