using Cascade.Storage.AzureTables;
using Cascade.Testing;
using Microsoft.Extensions.Options;

namespace Cascade.Tests.Grains;

/// <summary>On Azurite, each test under tables of its own.</summary>
public sealed class AzureTableRaisedAlertStoreTests(Azurite azurite) : RaisedAlertStoreTests(new AzureTableRaisedAlertStore(
    new AzureTables(Options.Create(new AzureTableOptions { ConnectionString = azurite.ConnectionString, TablePrefix = Azurite.NewPrefix() })))),
    IClassFixture<Azurite>;
