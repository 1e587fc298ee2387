using System.ComponentModel.DataAnnotations;

namespace Cascade.Storage.Sqlite;

/// <summary>The embedded store (docs/api.md "Configuration").</summary>
public sealed class SqliteStorageOptions
{
    public const string Section = "Cascade:Storage:Sqlite";

    /// <summary>The database file; relative paths are under the working directory.</summary>
    [Required]
    public string Path { get; set; } = "data/cascade.db";

    /// <summary><c>Normal</c> survives a killed process; <c>Full</c> also survives power loss.</summary>
    [RegularExpression("^(?i)(normal|full)$", ErrorMessage = "Synchronous must be Normal or Full.")]
    public string Synchronous { get; set; } = "Normal";

    /// <summary>The most writes one transaction commits together (group commit).</summary>
    [Range(1, 100_000)]
    public int MaxBatch { get; set; } = 1024;
}
