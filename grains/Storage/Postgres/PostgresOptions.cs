using System.ComponentModel.DataAnnotations;

namespace Cascade.Storage.Postgres;

/// <summary>PostgreSQL (or a compatible database), with <c>Cascade:Storage:Provider=postgres</c>.</summary>
public sealed class PostgresOptions
{
    public const string Section = "Cascade:Storage:Postgres";
    public const string ConnectionStringSetting = Section + ":ConnectionString";

    /// <summary>An Npgsql connection string (<c>Host=...;Port=5432;Database=cascade;Username=...;Password=...</c>); checked when the node starts.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Whether a starting node creates or upgrades the schema itself when it is missing or older
    /// (true), or refuses to start and asks for <c>migrate</c> (false, for operators who apply
    /// schema changes themselves).
    /// </summary>
    public bool ApplySchema { get; set; } = true;

    /// <summary>How long a starting node waits for the database to answer before it refuses to start.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Cascade:Storage:Postgres:ConnectTimeout must be between 0 and one day.")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long an audit entry waits for others before the node writes them in one transaction.
    /// The change itself is durable before the wait, with the unit's state.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10", ErrorMessage = "Cascade:Storage:Postgres:AuditWindow must be between 0 and 10 s.")]
    public TimeSpan AuditWindow { get; set; } = TimeSpan.FromMilliseconds(20);
}
