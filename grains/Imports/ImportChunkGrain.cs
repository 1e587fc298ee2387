using Cascade.Storage;

namespace Cascade.Imports;

/// <summary>A stored chunk of an import job's rows (<see cref="ImportChunkState"/>).</summary>
public sealed class ImportChunkGrain(
    [PersistentState("import-chunk", StorageNames.Default)] IPersistentState<ImportChunkState> state) : Grain, IImportChunkGrain
{
    public async Task Store(IReadOnlyList<ImportBatch> batches)
    {
        state.State.Batches = [.. batches];
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<ImportBatch>> Read() => Task.FromResult<IReadOnlyList<ImportBatch>>(state.State.Batches);

    public async Task Clear()
    {
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }
}
