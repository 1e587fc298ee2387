using Cascade.Tasks;

namespace Cascade.Imports;

/// <summary>
/// An import job's durable state, small whatever the job's size: who applies it, how many chunks
/// of its rows are stored (<see cref="ImportChunkState"/>, each in its own grain) and how many are
/// applied, the rows applied and the conflicts. Stored once the chunks are, then after every chunk
/// applied, so a job resumes at its first chunk not recorded; a unit applied again finds its rows
/// applied (the unit's apply is idempotent for the same writer), so nothing is applied twice.
/// </summary>
[GenerateSerializer, Alias("cascade.import-job-state")]
public sealed class ImportJobState
{
    /// <summary>0 until the job's rows are stored.</summary>
    [Id(0)] public int Chunks { get; set; }
    [Id(1)] public int ChunksDone { get; set; }
    [Id(2)] public string? By { get; set; }
    [Id(3)] public string? ByName { get; set; }
    /// <summary>The sheet rows applied as creates and as updates, by number.</summary>
    [Id(4)] public List<int> Created { get; set; } = [];
    [Id(5)] public List<int> Updated { get; set; } = [];
    [Id(6)] public List<ImportOutcome> Conflicts { get; set; } = [];
    [Id(7)] public bool Finished { get; set; }
}
