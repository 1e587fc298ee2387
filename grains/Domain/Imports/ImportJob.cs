namespace Cascade.Imports;

/// <summary>What an import job applies (docs/api.md "Import"): the checked rows unit by unit, and who applies them.</summary>
[GenerateSerializer, Immutable, Alias("cascade.import-job")]
public sealed record ImportJob(
    [property: Id(0)] IReadOnlyList<ImportBatch> Batches,
    [property: Id(1)] string? By,
    [property: Id(2)] string? ByName);
