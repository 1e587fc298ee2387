using Cascade.Tasks;

namespace Cascade.Imports;

/// <summary>
/// One durable import job, keyed by its id (docs/api.md "Import"): applies its batches unit by
/// unit and answers every row's outcome once all are applied. Resumes after a crash when woken.
/// </summary>
public interface IImportJobGrain : IGrainWithStringKey
{
    /// <summary>Stores the job (the first call only; a repeat keeps the first job) and applies it; answers every applied batch's row outcomes.</summary>
    Task<IReadOnlyList<ImportOutcome>> Run(ImportJob job);

    /// <summary>Finishes a stored job that has not finished (after a restart); nothing when there is none.</summary>
    Task Resume();
}
