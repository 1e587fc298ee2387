using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Cascade.Storage;

public sealed class StorageOptions
{
    public const string Section = "Cascade:Storage";
    public const string Sqlite = "sqlite";
    public const string AzureTable = "azureTable";
    public const string Postgres = "postgres";

    /// <summary>
    /// <c>sqlite</c> (embedded, the default), or for clusters <c>azureTable</c> (Azure Table Storage)
    /// or <c>postgres</c> (PostgreSQL, on premises or a government cloud).
    /// </summary>
    [RegularExpression("^(?i)(sqlite|azureTable|postgres)$", ErrorMessage = "Cascade:Storage:Provider must be 'sqlite', 'azureTable' or 'postgres'.")]
    public string Provider { get; set; } = Sqlite;

    public bool IsAzureTable => string.Equals(Provider, AzureTable, StringComparison.OrdinalIgnoreCase);

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    /// <summary>A store every node of a cluster shares (not the embedded file).</summary>
    public bool IsShared => IsAzureTable || IsPostgres;

    /// <summary>The provider as configured, read while the services are being composed.</summary>
    public static StorageOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<StorageOptions>() ?? new();
}
