using Cascade.Storage;

namespace Cascade.Imports;

/// <summary>The register of unfinished import jobs: the start-up pass wakes it, it resumes each job.</summary>
public sealed class ImportJobsGrain(
    [PersistentState("import-jobs", StorageNames.Default)] IPersistentState<ImportJobsState> state) : Grain, IImportJobsGrain
{
    public async Task Started(string jobId)
    {
        if (state.State.Running.Add(jobId)) await state.WriteStateAsync();
    }

    public async Task Finished(string jobId)
    {
        if (state.State.Running.Remove(jobId)) await state.WriteStateAsync();
    }

    public Task<int> Wake()
    {
        foreach (var id in state.State.Running) GrainFactory.GetGrain<IImportJobGrain>(id).Resume().Ignore();
        return Task.FromResult(state.State.Running.Count);
    }
}
