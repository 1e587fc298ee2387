using Cascade.Storage;
using Cascade.Tasks;
using Cascade.Units;

namespace Cascade.Imports;

/// <summary>
/// One import job (docs/api.md "Import"): registered as running, its rows stored in chunks of
/// whole units (<see cref="ImportChunkGrain"/>), then applied chunk by chunk, a wave of units at a
/// time, each unit's rows in one write of that unit, the progress stored after every chunk. It runs
/// in its own calls, never inside a caller's: <see cref="Start"/> returns once the job is stored.
/// After a crash the start-up pass wakes it (<see cref="ImportJobsGrain"/>) and it goes on at its
/// first chunk not recorded; a unit applied again finds its rows applied and writes nothing.
/// </summary>
public sealed class ImportJobGrain(
    [PersistentState("import-job", StorageNames.Default)] IPersistentState<ImportJobState> state) : Grain, IImportJobGrain
{
    /// <summary>Units applied at once.</summary>
    public const int Wave = 16;

    /// <summary>Rows a chunk holds at most (a unit's rows are never split; one unit may hold more).</summary>
    public const int ChunkRows = 4000;

    private string JobId => this.GetPrimaryKeyString();
    private IImportJobsGrain Jobs => GrainFactory.GetGrain<IImportJobsGrain>(IImportJobsGrain.Key);
    private IImportChunkGrain Chunk(int n) => GrainFactory.GetGrain<IImportChunkGrain>(IImportChunkGrain.Key(JobId, n));

    public async Task Start(ImportJob job)
    {
        if (state.State.Chunks == 0 && !state.State.Finished)
        {
            await Jobs.Started(JobId); // first: a stored job is always found again
            var chunks = Chunked(job.Batches);
            await Task.WhenAll(chunks.Select((chunk, n) => Chunk(n).Store(chunk)));
            (state.State.By, state.State.ByName, state.State.Chunks) = (job.By, job.ByName, chunks.Count);
            state.State.Finished = chunks.Count == 0; // nothing to apply
            await state.WriteStateAsync();
        }
        // Runs after this call returns (a one-way call to itself waits its turn), however long it takes.
        this.AsReference<IImportJobGrain>().Resume().Ignore();
    }

    public Task<IReadOnlyList<ImportOutcome>?> Outcome()
    {
        var s = state.State;
        if (!s.Finished) return Task.FromResult<IReadOnlyList<ImportOutcome>?>(null);
        var outcomes = new List<ImportOutcome>(s.Created.Count + s.Updated.Count + s.Conflicts.Count);
        outcomes.AddRange(s.Created.Select(row => new ImportOutcome(row, ImportVerdict.Create)));
        outcomes.AddRange(s.Updated.Select(row => new ImportOutcome(row, ImportVerdict.Update)));
        outcomes.AddRange(s.Conflicts);
        outcomes.Sort((a, b) => a.Row.CompareTo(b.Row));
        return Task.FromResult<IReadOnlyList<ImportOutcome>?>(outcomes);
    }

    public async Task Resume()
    {
        if (state.State.Chunks == 0 || state.State.Finished) await Jobs.Finished(JobId);
        else await Continue();
    }

    private async Task Continue()
    {
        var s = state.State;
        while (s.ChunksDone < s.Chunks)
        {
            var batches = await Chunk(s.ChunksDone).Read();
            var created = new List<int>();
            var updated = new List<int>();
            var conflicts = new List<ImportOutcome>();
            foreach (var wave in batches.Chunk(Wave))
            {
                var answers = await Task.WhenAll(wave.Select(b => GrainFactory.GetGrain<IUnitImport>(b.UnitId).ApplyImport(b.Rows, s.By, s.ByName)));
                for (var i = 0; i < wave.Length; i++)
                {
                    var outcomes = answers[i] ?? [.. wave[i].Rows.Select(r =>
                        new ImportOutcome(r.Row, ImportVerdict.Conflict, "unitId", $"单位 {wave[i].UnitId} 在检查之后已被删除，这一行没有导入"))];
                    foreach (var o in outcomes)
                        if (o.Verdict == ImportVerdict.Create) created.Add(o.Row);
                        else if (o.Verdict == ImportVerdict.Update) updated.Add(o.Row);
                        else conflicts.Add(o);
                }
            }
            // The chunk's outcomes and its mark in one write: a chunk is recorded whole or not at all.
            s.Created.AddRange(created);
            s.Updated.AddRange(updated);
            s.Conflicts.AddRange(conflicts);
            s.ChunksDone++;
            await state.WriteStateAsync();
        }
        s.Finished = true;
        await state.WriteStateAsync();
        await Jobs.Finished(JobId);
        for (var n = 0; n < s.Chunks; n++) Chunk(n).Clear().Ignore(); // the rows are applied: only the outcomes are kept
    }

    /// <summary>Whole units' batches in order, a new chunk once one holds <see cref="ChunkRows"/> rows.</summary>
    public static List<List<ImportBatch>> Chunked(IReadOnlyList<ImportBatch> batches)
    {
        var chunks = new List<List<ImportBatch>>();
        var rows = 0;
        foreach (var batch in batches)
        {
            if (chunks.Count == 0 || rows + batch.Rows.Count > ChunkRows)
            {
                chunks.Add([]);
                rows = 0;
            }
            chunks[^1].Add(batch);
            rows += batch.Rows.Count;
        }
        return chunks;
    }
}
