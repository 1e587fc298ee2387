using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Cascade.Storage.Postgres;

/// <summary>The Data Protection key ring in the cluster's database (<c>Schema/003-keys.sql</c>), so every node shares one.</summary>
public sealed class PostgresKeyRing(PostgresDatabase database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.Source.OpenConnection();
        using var command = new NpgsqlCommand("SELECT xml FROM data_protection_key ORDER BY name;", connection);
        using var reader = command.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read()) keys.Add(XElement.Parse(reader.GetString(0)));
        return keys;
    }

    /// <summary>Rare (a new key every 90 days); a name stored again replaces what it held.</summary>
    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = database.Source.OpenConnection();
        using var command = new NpgsqlCommand(
            "INSERT INTO data_protection_key (name, xml) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET xml = excluded.xml;", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = friendlyName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
    }
}
