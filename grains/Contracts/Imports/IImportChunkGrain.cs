namespace Cascade.Imports;

/// <summary>One stored chunk of an import job's rows, keyed <c>{jobId}/{n}</c>.</summary>
public interface IImportChunkGrain : IGrainWithStringKey
{
    Task Store(IReadOnlyList<ImportBatch> batches);
    Task<IReadOnlyList<ImportBatch>> Read();
    /// <summary>Forgets the rows once the job has finished.</summary>
    Task Clear();

    public static string Key(string jobId, int chunk) => $"{jobId}/{chunk}";
}
