using System.Security.Cryptography;
using System.Text;
using Cascade.Audit;
using Cascade.Storage;
using Cascade.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cascade.Tests.Audit;

/// <summary>The audit key and its algorithms: where the key comes from, which settings refuse to start, and SM3 as published.</summary>
public sealed class AuditKeyTests
{
    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    [Fact]
    public void Sm3_gives_the_published_test_vectors()
    {
        // GB/T 32905-2016, examples 1 and 2.
        Assert.Equal("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", Hex(AuditMac.Sm3Digest("abc"u8)));
        Assert.Equal("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732",
            Hex(AuditMac.Sm3Digest(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("abcd", 16))))));
    }

    [Fact]
    public void An_entry_hash_is_the_hmac_of_its_input_under_the_key()
    {
        var entry = AuditChainHead.Empty.Link(new AuditDraft(null, "u1", GrainCluster.Start, "admin", AuditActions.TaskUpdate, "u1", "t1", null, "{\"a\":1}"), TestKeys.Sha256);
        var input = Encoding.UTF8.GetBytes(entry.HashInput());
        Assert.Equal(Hex(HMACSHA256.HashData(AuditKey.Parse(TestKeys.Text)!, input)), entry.Hash);
        Assert.NotEqual(entry.PlainHash(), entry.Hash);
        Assert.Equal(Hex(SHA256.HashData(input)), entry.PlainHash());
        var sm3 = entry.ComputeHash(TestKeys.Sm3);
        Assert.Equal(64, sm3.Length);
        Assert.NotEqual(entry.Hash, sm3);
        Assert.Equal(sm3, entry.ComputeHash(AuditSchemes.HmacSm3, TestKeys.Sm3)); // the reused MAC gives the same again
        Assert.Equal(Hex(SHA256.HashData(AuditKey.Parse(TestKeys.Text)!))[..8], TestKeys.Sha256.Id);
    }

    [Theory]
    [InlineData("azureTable")]
    [InlineData("postgres")]
    public void A_shared_store_without_a_key_refuses_to_start_naming_the_setting(string provider)
    {
        var result = new AuditOptionsValidation(Options.Create(new StorageOptions { Provider = provider })).Validate(null, new AuditOptions());
        Assert.True(result.Failed);
        Assert.Contains("Cascade:Audit:Key", result.FailureMessage);
        var withKey = new AuditOptionsValidation(Options.Create(new StorageOptions { Provider = provider })).Validate(null, new AuditOptions { Key = TestKeys.Text });
        Assert.True(withKey.Succeeded);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")] // 5 bytes
    public void A_key_that_is_not_32_bytes_of_base64_refuses_to_start(string key)
    {
        var result = new AuditOptionsValidation(Options.Create(new StorageOptions())).Validate(null, new AuditOptions { Key = key });
        Assert.Contains("base64 of at least 32", result.FailureMessage);
    }

    [Fact]
    public void A_key_file_that_does_not_exist_refuses_to_start()
    {
        var result = new AuditOptionsValidation(Options.Create(new StorageOptions())).Validate(null, new AuditOptions { KeyFile = "/nowhere/audit.key" });
        Assert.Contains("Cascade:Audit:KeyFile", result.FailureMessage);
    }

    [Fact]
    public void Without_a_key_the_embedded_store_generates_one_beside_the_database_readable_by_its_owner_only()
    {
        using var folder = new TempDirectory();
        var database = folder.File("data/cascade.db");
        var first = AuditKeys.Load(new AuditOptions(), database, NullLogger.Instance);
        var path = folder.File("data/keys/audit.key");
        Assert.True(File.Exists(path));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(first.Id, AuditKeys.Load(new AuditOptions(), database, NullLogger.Instance).Id); // kept, not made again
        Assert.Equal(first.Id, AuditKeys.Load(new AuditOptions { KeyFile = path }, folder.File("elsewhere.db"), NullLogger.Instance).Id);
        Assert.Equal(AuditSchemes.HmacSm3, AuditKeys.Load(new AuditOptions { Key = TestKeys.Text, Algorithm = "SM3" }, database, NullLogger.Instance).Scheme);
    }
}
