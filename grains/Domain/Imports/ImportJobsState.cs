namespace Cascade.Imports;

/// <summary>The import jobs not yet finished, so the start-up pass can wake them after a restart.</summary>
[GenerateSerializer, Alias("cascade.import-jobs-state")]
public sealed class ImportJobsState
{
    [Id(0)] public HashSet<string> Running { get; set; } = [];
}
