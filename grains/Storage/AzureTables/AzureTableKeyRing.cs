using System.Xml.Linq;
using Azure.Data.Tables;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Cascade.Storage.AzureTables;

/// <summary>
/// The Data Protection key ring in the cluster's Azure Table Storage (<c>{prefix}Keys</c>, one
/// partition, a row per key): there is no official table-backed repository, and a key is a
/// kilobyte of XML, well inside one string property.
/// </summary>
public sealed class AzureTableKeyRing(AzureTables tables) : IXmlRepository
{
    private const string Partition = "keys";

    private TableClient Table => tables.Table(AzureTables.Keys).GetAwaiter().GetResult();

    public IReadOnlyCollection<XElement> GetAllElements() =>
        Table.Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"))
            .Select(row => XElement.Parse(row.GetString("Xml"))).ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        Table.UpsertEntity(new TableEntity(Partition, friendlyName) { ["Xml"] = element.ToString(SaveOptions.DisableFormatting) }, TableUpdateMode.Replace);
}
