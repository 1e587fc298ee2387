using System.Net;
using Cascade.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Cascade.Tests.Access;

/// <summary>
/// Every node of a cluster shares one Data Protection key ring, kept in the cluster's storage
/// (docs/architecture.md "Storage"): a token one node issued opens the API on another node on the same store.
/// (On Azure Table Storage: <see cref="Cascade.Tests.Web.AzureTableRestartTests"/>.)
/// </summary>
public sealed class KeyRingTests
{
    [Fact]
    public async Task A_token_from_one_node_opens_another_node_on_the_same_sqlite_file()
    {
        await using var first = new CascadeApp();
        var token = first.AdminToken;
        await using var second = new CascadeApp(seedDemo: false, new() { ["Cascade:Storage:Sqlite:Path"] = first.DatabasePath });
        using var client = second.CreateClient(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);

        await using var connection = new SqliteConnection($"Data Source={first.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM data_protection_key";
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
    }
}
