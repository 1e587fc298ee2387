using Cascade.Tasks;

namespace Cascade.Imports;

/// <summary>One unit's checked rows of an import job, applied in one write of that unit.</summary>
[GenerateSerializer, Immutable, Alias("cascade.import-batch")]
public sealed record ImportBatch([property: Id(0)] string UnitId, [property: Id(1)] IReadOnlyList<ImportRow> Rows);
