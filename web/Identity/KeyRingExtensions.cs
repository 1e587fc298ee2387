using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cascade.Storage;
using Cascade.Storage.AzureTables;
using Cascade.Storage.Postgres;
using Cascade.Storage.Sqlite;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Cascade.Web.Identity;

public static class KeyRingExtensions
{
    /// <summary>
    /// One Data Protection key ring for every node of a cluster (docs/architecture.md "Storage"): kept in the
    /// cluster's storage, under one application name (the default name is the content root, which
    /// differs between machines), so cookies, tokens and the demo's kiosk link made by one node
    /// open on every other. Its keys are encrypted with the certificate of <see cref="KeyRingOptions"/>.
    /// </summary>
    public static WebApplicationBuilder AddCascadeKeyRing(this WebApplicationBuilder builder)
    {
        var storage = StorageOptions.From(builder.Configuration);
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("cascade");
        builder.Services.AddOptions<KeyRingOptions>().BindConfiguration(KeyRingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = storage.IsAzureTable ? new AzureTableKeyRing(sp.GetRequiredService<AzureTables>())
                : storage.IsPostgres ? new PostgresKeyRing(sp.GetRequiredService<PostgresDatabase>())
                : new SqliteKeyRing(sp.GetRequiredService<SqliteDatabase>())));

        // Read here rather than in an options callback: the framework takes the certificate that
        // decrypts keys on its builder only, and a node that cannot read its certificate must not start.
        var options = builder.Configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new();
        if (options.CertificatePath is { Length: > 0 } path)
        {
            var certificate = Load(path, options.CertificatePassword);
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        else
        {
            // Pre-empts the framework's own warning (there is an encryptor now): ours names the setting.
            builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
                o.XmlEncryptor = new UnencryptedKeys(sp.GetRequiredService<ILogger<UnencryptedKeys>>())));
        }
        return builder;
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception error) when (error is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new OptionsValidationException(KeyRingOptions.Section, typeof(KeyRingOptions),
                [$"{KeyRingOptions.Section}:CertificatePath '{path}' cannot be read with {KeyRingOptions.Section}:CertificatePassword: {error.Message}"]);
        }
        using var privateKey = certificate.GetRSAPrivateKey();
        if (privateKey is null)
            throw new OptionsValidationException(KeyRingOptions.Section, typeof(KeyRingOptions),
                [$"{KeyRingOptions.Section}:CertificatePath '{path}' holds no RSA private key: the key ring could be encrypted but never read back."]);
        return certificate;
    }
}
