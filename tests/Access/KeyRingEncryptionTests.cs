using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cascade.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Cascade.Tests.Access;

/// <summary>
/// The Data Protection key ring is encrypted at rest with a certificate kept
/// outside the database (<c>Cascade:DataProtection:*</c>); without one, the first start says so
/// once, in Cascade's words, instead of the framework's warning.
/// </summary>
public sealed class KeyRingEncryptionTests
{
    private const string Password = "certificate-password-for-tests";

    [Fact]
    public async Task With_a_certificate_the_stored_key_ring_holds_no_master_key_in_clear_and_tokens_open_a_second_node()
    {
        using var folder = new TempDirectory();
        var settings = new Dictionary<string, string?>
        {
            ["Cascade:DataProtection:CertificatePath"] = SelfSignedCertificate(folder.File("keyring.pfx")),
            ["Cascade:DataProtection:CertificatePassword"] = Password,
        };
        await using var first = new CascadeApp(seedDemo: false, settings);
        var token = first.AdminToken;
        await using var second = new CascadeApp(seedDemo: false, new(settings) { ["Cascade:Storage:Sqlite:Path"] = first.DatabasePath });
        using var client = second.CreateClient(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);

        var keys = await StoredKeys(first.DatabasePath);
        var key = Assert.Single(keys);
        Assert.DoesNotContain("masterKey", key);
        Assert.Contains("EncryptedData", key);
        Assert.DoesNotContain(first.Logs.Messages.Concat(second.Logs.Messages), m => m.StartsWith("Warning") && m.Contains("key ring"));
    }

    [Fact]
    public async Task Without_a_certificate_the_first_start_logs_one_warning_that_names_the_setting()
    {
        await using var app = new CascadeApp();
        _ = app.AdminToken; // the key ring is made by the first start at the latest when it signs a token

        var warnings = app.Logs.Messages.Where(m => m.StartsWith("Warning") && m.Contains("Cascade:DataProtection:CertificatePath")).ToList();
        Assert.Single(warnings);
        Assert.DoesNotContain(app.Logs.Messages, m => m.Contains("No XML encryptor configured"));
        Assert.Contains("masterKey", Assert.Single(await StoredKeys(app.DatabasePath)));
    }

    [Fact]
    public async Task A_certificate_that_cannot_be_read_stops_the_start_naming_the_setting()
    {
        using var folder = new TempDirectory();
        var path = SelfSignedCertificate(folder.File("keyring.pfx"));
        await using var app = new CascadeApp(seedDemo: false, new()
        {
            ["Cascade:DataProtection:CertificatePath"] = path,
            ["Cascade:DataProtection:CertificatePassword"] = "not-the-password",
        });
        var error = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains("Cascade:DataProtection:CertificatePath", error.ToString());
    }

    private static string SelfSignedCertificate(string path)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Cascade key ring (tests)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }

    private static async Task<List<string>> StoredKeys(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT xml FROM data_protection_key";
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) keys.Add(reader.GetString(0));
        return keys;
    }
}
