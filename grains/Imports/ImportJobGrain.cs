using Cascade.Storage;
using Cascade.Tasks;
using Cascade.Units;

namespace Cascade.Imports;

/// <summary>
/// One import job (docs/api.md "Import"): registered as running, stored, then applied a wave of
/// units at a time, each unit's rows in one write of that unit, the progress stored at most once a
/// second. It runs in its own calls, never inside a caller's: <see cref="Start"/> returns once the job
/// is stored. After a crash the start-up pass wakes it (<see cref="ImportJobsGrain"/>) and it goes on
/// from the last stored progress; a unit applied again finds its rows applied and writes nothing.
/// </summary>
public sealed class ImportJobGrain(
    [PersistentState("import-job", StorageNames.Default)] IPersistentState<ImportJobState> state) : Grain, IImportJobGrain
{
    /// <summary>Units applied at once.</summary>
    public const int Wave = 16;

    /// <summary>Milliseconds between two writes of the job's progress.</summary>
    private const long ProgressEvery = 1000;

    private IImportJobsGrain Jobs => GrainFactory.GetGrain<IImportJobsGrain>(IImportJobsGrain.Key);

    public async Task Start(ImportJob job)
    {
        if (state.State.Job is null && !state.State.Finished)
        {
            await Jobs.Started(this.GetPrimaryKeyString()); // first: a stored job is always found again
            state.State.Job = job;
            await state.WriteStateAsync();
        }
        // Runs after this call returns (a one-way call to itself waits its turn), however long it takes.
        this.AsReference<IImportJobGrain>().Resume().Ignore();
    }

    public Task<IReadOnlyList<ImportOutcome>?> Outcome() =>
        Task.FromResult<IReadOnlyList<ImportOutcome>?>(state.State.Finished ? state.State.Outcomes.ToArray() : null);

    public async Task Resume()
    {
        if (state.State.Job is null || state.State.Finished) await Jobs.Finished(this.GetPrimaryKeyString());
        else await Continue();
    }

    private async Task Continue()
    {
        var s = state.State;
        if (s.Finished || s.Job is not { } job) return;
        var written = Environment.TickCount64;
        while (s.BatchesDone < job.Batches.Count)
        {
            var wave = job.Batches.Skip(s.BatchesDone).Take(Wave).ToArray();
            var answers = await Task.WhenAll(wave.Select(b => GrainFactory.GetGrain<IUnitImport>(b.UnitId).ApplyImport(b.Rows, job.By, job.ByName)));
            for (var i = 0; i < wave.Length; i++)
                s.Outcomes.AddRange(answers[i] ?? wave[i].Rows.Select(r =>
                    new ImportOutcome(r.Row, ImportVerdict.Conflict, "unitId", $"单位 {wave[i].UnitId} 在检查之后已被删除，这一行没有导入")));
            s.BatchesDone += wave.Length;
            // Progress is stored at most once a second: the job's state holds every row, and a wave
            // applied again after a crash finds its rows applied, so a later mark costs no correctness.
            if (Environment.TickCount64 - written >= ProgressEvery)
            {
                await state.WriteStateAsync();
                written = Environment.TickCount64;
            }
        }
        s.Finished = true;
        s.Job = job with { Batches = [] }; // the rows are applied: only the outcomes are kept
        await state.WriteStateAsync();
        await Jobs.Finished(this.GetPrimaryKeyString());
    }
}
