using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Cascade.Storage;

public sealed class StorageOptions
{
    public const string Section = "Cascade:Storage";
    public const string Sqlite = "sqlite";
    public const string AzureTable = "azureTable";

    /// <summary><c>sqlite</c> (embedded, the default) or <c>azureTable</c> (Azure Table Storage, for clusters).</summary>
    [RegularExpression("^(?i)(sqlite|azureTable)$", ErrorMessage = "Cascade:Storage:Provider must be 'sqlite' or 'azureTable'.")]
    public string Provider { get; set; } = Sqlite;

    public bool IsAzureTable => string.Equals(Provider, AzureTable, StringComparison.OrdinalIgnoreCase);

    /// <summary>The provider as configured, read while the services are being composed.</summary>
    public static StorageOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<StorageOptions>() ?? new();
}
