using System.ComponentModel.DataAnnotations;

namespace Cascade.Audit;

public sealed class AuditOptions
{
    public const string Section = "Cascade:Audit";

    /// <summary>
    /// How often the heads of the chains that grew are checkpointed (<see cref="AuditCheckpoints"/>).
    /// A checkpoint lets <c>verify</c> find entries deleted from a chain's end, which the chain
    /// alone cannot show.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00", ErrorMessage = "Cascade:Audit:CheckpointEvery must be between 10 ms and one day.")]
    public TimeSpan CheckpointEvery { get; set; } = TimeSpan.FromMinutes(1);
}
