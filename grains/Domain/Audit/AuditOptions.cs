using System.ComponentModel.DataAnnotations;

namespace Cascade.Audit;

public sealed class AuditOptions
{
    public const string Section = "Cascade:Audit";
    public const string KeySetting = Section + ":Key";
    public const string KeyFileSetting = Section + ":KeyFile";

    /// <summary>
    /// How often the heads of the chains that grew are checkpointed (<see cref="AuditCheckpoints"/>).
    /// A checkpoint lets <c>verify</c> find entries deleted from a chain's end, which the chain
    /// alone cannot show.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00", ErrorMessage = "Cascade:Audit:CheckpointEvery must be between 10 ms and one day.")]
    public TimeSpan CheckpointEvery { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The audit key: base64 of at least 32 random bytes (<c>openssl rand -base64 32</c>), the
    /// same on every node. Never stored in the database.
    /// </summary>
    public string? Key { get; set; }

    /// <summary>A file holding the key in the format of <see cref="Key"/>, read at start.</summary>
    public string? KeyFile { get; set; }

    /// <summary><c>sha256</c> (HMAC-SHA256) or <c>sm3</c> (HMAC-SM3, GB/T 32905).</summary>
    [RegularExpression("^(?i)(sha256|sm3)$", ErrorMessage = "Cascade:Audit:Algorithm must be 'sha256' or 'sm3'.")]
    public string Algorithm { get; set; } = "sha256";

    /// <summary>An append-only file outside the database for the signed anchor lines; unset: no anchors.</summary>
    public string? AnchorFile { get; set; }

    /// <summary>How often the checkpoint pass appends an anchor line to <see cref="AnchorFile"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "7.00:00:00", ErrorMessage = "Cascade:Audit:AnchorEvery must be between 10 ms and seven days.")]
    public TimeSpan AnchorEvery { get; set; } = TimeSpan.FromMinutes(10);
}
