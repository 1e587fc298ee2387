using Cascade.Tasks;
using Orleans.Concurrency;

namespace Cascade.Imports;

/// <summary>
/// One durable import job, keyed by its id (docs/api.md "Import"): applies its batches unit by
/// unit. <see cref="Start"/> stores it and returns; the job then runs on its own (no caller waits
/// on one long call), and <see cref="Outcome"/> answers every row's outcome once all are applied.
/// Resumes after a crash when woken.
/// </summary>
public interface IImportJobGrain : IGrainWithStringKey
{
    /// <summary>Stores the job (the first call only; a repeat keeps the first job) and sets it going.</summary>
    Task Start(ImportJob job);

    /// <summary>Every row's outcome once the job has finished; null while it runs (or was never started).</summary>
    [AlwaysInterleave] Task<IReadOnlyList<ImportOutcome>?> Outcome();

    /// <summary>Finishes a stored job that has not finished (after a restart, or after <see cref="Start"/>); nothing when there is none. One-way: it may take long.</summary>
    [OneWay] Task Resume();
}
