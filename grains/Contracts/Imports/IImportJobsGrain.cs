namespace Cascade.Imports;

/// <summary>The register of unfinished import jobs (one grain, key <see cref="Key"/>), woken by the start-up pass.</summary>
public interface IImportJobsGrain : IGrainWithStringKey
{
    public const string Key = "import-jobs";

    Task Started(string jobId);
    Task Finished(string jobId);
    /// <summary>Resumes every unfinished job (one-way calls); answers how many.</summary>
    Task<int> Wake();
}
