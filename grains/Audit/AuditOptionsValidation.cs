using Cascade.Storage;
using Microsoft.Extensions.Options;

namespace Cascade.Audit;

/// <summary>
/// The key settings, checked when the node starts: a given key must be usable, and a shared
/// store (every provider but the embedded one) needs a key given, since nodes that generated
/// keys of their own would write chains the others cannot verify.
/// </summary>
public sealed class AuditOptionsValidation(IOptions<StorageOptions> storage) : IValidateOptions<AuditOptions>
{
    private const string Format = "base64 of at least 32 random bytes (openssl rand -base64 32)";

    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        if (options.Key is { Length: > 0 } key)
            return AuditKey.Parse(key) is null
                ? ValidateOptionsResult.Fail($"{AuditOptions.KeySetting} must be {Format}.")
                : ValidateOptionsResult.Success;
        if (options.KeyFile is { Length: > 0 } file)
        {
            if (!File.Exists(file)) return ValidateOptionsResult.Fail($"{AuditOptions.KeyFileSetting} names {file}, which does not exist.");
            return AuditKey.Parse(File.ReadAllText(file)) is null
                ? ValidateOptionsResult.Fail($"The file {file} of {AuditOptions.KeyFileSetting} must hold {Format}.")
                : ValidateOptionsResult.Success;
        }
        var provider = storage.Value.Provider;
        return string.Equals(provider, StorageOptions.Sqlite, StringComparison.OrdinalIgnoreCase)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{AuditOptions.KeySetting} (or {AuditOptions.KeyFileSetting}) is required with Cascade:Storage:Provider={provider}: " +
                $"every node must hold the same audit key, kept outside the database, as {Format}.");
    }
}
