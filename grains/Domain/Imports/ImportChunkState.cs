namespace Cascade.Imports;

/// <summary>
/// Some whole units' rows of an import job (at most about <c>ImportJobGrain.ChunkRows</c>), stored
/// in a grain of their own so that no stored state grows with the job (an Azure Table entity holds
/// under 1 MB).
/// </summary>
[GenerateSerializer, Alias("cascade.import-chunk-state")]
public sealed class ImportChunkState
{
    [Id(0)] public List<ImportBatch> Batches { get; set; } = [];
}
