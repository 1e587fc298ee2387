using System.ComponentModel.DataAnnotations;

namespace Cascade.Storage.AzureTables;

/// <summary>Azure Table Storage (or Azurite), with <c>Cascade:Storage:Provider=azureTable</c>.</summary>
public sealed class AzureTableOptions
{
    public const string Section = "Cascade:Storage:AzureTable";
    public const string ConnectionStringSetting = Section + ":ConnectionString";

    /// <summary>An Azure Storage connection string (Azurite's too); checked when the node starts.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Starts the name of every table Cascade keeps (grain state, cluster, reminders, audit, keys),
    /// so several deployments can share one storage account.
    /// </summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,39}$", ErrorMessage = "Cascade:Storage:AzureTable:TablePrefix must be a letter and up to 39 letters or digits.")]
    public string TablePrefix { get; set; } = "cascade";

    /// <summary>
    /// How long an audit entry waits for others of its shard before the node writes them in one
    /// transaction (<see cref="AzureTableAuditStore"/>). Longer: fewer storage requests per update,
    /// and entries show in <c>GET /audit</c> that much later. The change itself is durable before
    /// the wait, with the unit's state.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10", ErrorMessage = "Cascade:Storage:AzureTable:AuditWindow must be between 0 and 10 s.")]
    public TimeSpan AuditWindow { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a starting node waits for the storage to answer before it refuses to start.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Cascade:Storage:AzureTable:ConnectTimeout must be between 0 and one day.")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromMinutes(1);
}
