using System.ComponentModel.DataAnnotations;

namespace Cascade.Storage;

public sealed class StorageOptions
{
    public const string Section = "Cascade:Storage";

    /// <summary><c>sqlite</c> (embedded, the default). <c>azureTable</c> arrives with the cluster work.</summary>
    [RegularExpression("^sqlite$", ErrorMessage = "Cascade:Storage:Provider must be 'sqlite'.")]
    public string Provider { get; set; } = "sqlite";
}
