using System.ComponentModel.DataAnnotations;

namespace Cascade.Storage;

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

    /// <summary>How long a starting node waits for the storage to answer before it refuses to start.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Cascade:Storage:AzureTable:ConnectTimeout must be between 0 and one day.")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromMinutes(1);
}
