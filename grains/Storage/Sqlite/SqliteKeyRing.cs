using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Data.Sqlite;

namespace Cascade.Storage.Sqlite;

/// <summary>The Data Protection key ring in the embedded database, beside the grain states.</summary>
public sealed class SqliteKeyRing(SqliteDatabase database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT xml FROM data_protection_key ORDER BY name;";
        using var reader = command.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read()) keys.Add(XElement.Parse(reader.GetString(0)));
        return keys;
    }

    /// <summary>Rare (a new key every 90 days), so outside the group-commit writer; SQLite's busy wait covers a concurrent commit.</summary>
    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO data_protection_key(name, xml) VALUES ($name, $xml);";
        command.Parameters.AddWithValue("$name", friendlyName);
        command.Parameters.AddWithValue("$xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }
}
