using Cascade.Inspections;
using Cascade.Storage.AzureTables;
using Cascade.Testing;
using Microsoft.Extensions.Options;

namespace Cascade.Tests.Inspections;

/// <summary>The inspection store's contract on Azurite, each test under tables of its own.</summary>
public sealed class AzureTableInspectionStoreTests(Azurite azurite) : InspectionStoreTests, IClassFixture<Azurite>
{
    protected override IInspectionStore Store { get; } = new AzureTableInspectionStore(
        new AzureTables(Options.Create(new AzureTableOptions { ConnectionString = azurite.ConnectionString, TablePrefix = Azurite.NewPrefix() })), Codec);
}
