using Cascade.Tasks;

namespace Cascade.Imports;

/// <summary>
/// An import job's durable state: the job, how many of its batches (in order) are applied, and the
/// applied batches' row outcomes. Stored before the first batch is applied and at most once a second
/// while it runs, so a job resumes about where it stood; a batch applied again finds its rows applied (the unit's apply
/// is idempotent for the same writer), so nothing is applied twice.
/// </summary>
[GenerateSerializer, Alias("cascade.import-job-state")]
public sealed class ImportJobState
{
    [Id(0)] public ImportJob? Job { get; set; }
    [Id(1)] public int BatchesDone { get; set; }
    [Id(2)] public List<ImportOutcome> Outcomes { get; set; } = [];
    [Id(3)] public bool Finished { get; set; }
}
