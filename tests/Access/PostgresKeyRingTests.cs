using System.Xml.Linq;
using Cascade.Storage.Postgres;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cascade.Tests.Access;

/// <summary>
/// The Data Protection key ring in PostgreSQL (<see cref="PostgresKeyRing"/>): what one node's
/// framework stores there, another node on the same database reads and opens.
/// </summary>
public sealed class PostgresKeyRingTests : IDisposable
{
    private readonly PostgresDatabase _database = Support.Postgres.NewDatabase();

    public void Dispose() => _database.Dispose();

    /// <summary>A node's own pool on the same database.</summary>
    private PostgresDatabase Node() => new(Microsoft.Extensions.Options.Options.Create(_database.Settings));

    private static IDataProtector Protector(PostgresDatabase node) =>
        new ServiceCollection()
            .AddDataProtection().SetApplicationName("cascade").Services
            .Configure<KeyManagementOptions>(o => o.XmlRepository = new PostgresKeyRing(node))
            .BuildServiceProvider()
            .GetRequiredService<IDataProtectionProvider>().CreateProtector("tests");

    [Fact]
    public async Task What_one_node_protects_another_node_on_the_same_database_opens()
    {
        using var first = Node();
        using var second = Node();

        var token = Protector(first).Protect("a session");

        Assert.Equal("a session", Protector(second).Unprotect(token));
        await using var connection = await _database.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM data_protection_key;", connection);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public void Elements_come_back_as_stored_in_order_of_their_names_and_a_name_stored_again_is_replaced()
    {
        var ring = new PostgresKeyRing(_database);
        ring.StoreElement(new XElement("key", new XAttribute("id", "b"), "办公室"), "key-b");
        ring.StoreElement(new XElement("key", new XAttribute("id", "a1"), new XElement("secret", "one")), "key-a");
        ring.StoreElement(new XElement("key", new XAttribute("id", "a2"), new XElement("secret", "two")), "key-a");

        var elements = new PostgresKeyRing(_database).GetAllElements();

        Assert.Equal(["<key id=\"a2\"><secret>two</secret></key>", "<key id=\"b\">办公室</key>"],
            elements.Select(e => e.ToString(SaveOptions.DisableFormatting)));
    }
}
