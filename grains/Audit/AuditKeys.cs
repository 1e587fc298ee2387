using Cascade.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cascade.Audit;

/// <summary>
/// Where the node's <see cref="AuditKey"/> comes from: <c>Cascade:Audit:Key</c>, else the file
/// of <c>KeyFile</c>, else (the embedded store only; <see cref="AuditOptionsValidation"/>) the
/// file <c>keys/audit.key</c> beside the database, made on the first start.
/// </summary>
public static partial class AuditKeys
{
    /// <summary>
    /// The audit options, their checks at start, and the key. <paramref name="databasePath"/> is
    /// the embedded store's file, given by the composition so the audit trail does not depend on
    /// a storage backend (docs/architecture.md "The audit trail": the key is never in the database).
    /// </summary>
    public static IServiceCollection AddCascadeAuditKey(this IServiceCollection services, Func<IServiceProvider, string> databasePath)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, AuditOptionsValidation>());
        services.TryAddSingleton(sp => Load(Options(sp), databasePath(sp),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuditKeys).FullName!)));
        services.TryAddSingleton<AuditAnchors>();
        return services;
    }

    /// <summary>
    /// The key is first needed while the host builds its services, before any start phase: an
    /// unusable setting then refuses the start with its one message and no stack trace, as an
    /// unusable storage does.
    /// </summary>
    private static AuditOptions Options(IServiceProvider services)
    {
        try
        {
            return services.GetRequiredService<IOptions<AuditOptions>>().Value;
        }
        catch (OptionsValidationException invalid)
        {
            throw new StorageUnavailableException(string.Join(" ", invalid.Failures));
        }
    }

    public static AuditKey Load(AuditOptions options, string databasePath, ILogger logger)
    {
        var scheme = AuditSchemes.FromAlgorithm(options.Algorithm);
        if (AuditKey.Parse(options.Key) is { } given) return new AuditKey(given, scheme);
        if (options.KeyFile is { Length: > 0 } file)
            return new AuditKey(AuditKey.Parse(File.ReadAllText(file)) ?? throw new InvalidOperationException($"{file} holds no audit key."), scheme);
        var path = DefaultPath(databasePath);
        return new AuditKey(AuditKey.Parse(ReadOrCreate(path, logger))!, scheme);
    }

    /// <summary><c>keys/audit.key</c> in the folder of the database file.</summary>
    public static string DefaultPath(string databasePath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, "keys", "audit.key");

    /// <summary>
    /// Written to a file of its own first, readable by this user only, then moved into place:
    /// nodes starting at once on one folder never read half a key, and the first one's stays.
    /// </summary>
    private static string ReadOrCreate(string path, ILogger logger)
    {
        if (File.Exists(path)) return File.ReadAllText(path);
        var folder = Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!OperatingSystem.IsWindows()) folder.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        var fresh = Path.Combine(folder.FullName, $"audit.key.{Guid.NewGuid():N}");
        File.WriteAllText(fresh, AuditKey.NewText() + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(fresh, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            File.Move(fresh, path, overwrite: false);
            LogGenerated(logger, path);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(fresh); // another node on this folder made it first
        }
        return File.ReadAllText(path);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Generated the audit key into {Path}, beside the database. In production keep it elsewhere " +
        "(Cascade:Audit:KeyFile or Cascade:Audit:Key) and back it up: without it the trail cannot be verified, and whoever holds it with the database can rewrite the trail.")]
    private static partial void LogGenerated(ILogger logger, string path);
}
