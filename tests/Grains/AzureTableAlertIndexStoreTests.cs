using Orleans.Storage;
using Cascade.Storage.AzureTables;
using Cascade.Testing;
using Microsoft.Extensions.Options;

namespace Cascade.Tests.Grains;

/// <summary>On Azurite, each test under tables of its own, rows compressed as grain states are.</summary>
public sealed class AzureTableAlertIndexStoreTests(Azurite azurite) : AlertIndexStoreTests(new AzureTableAlertIndexStore(
    new AzureTables(Options.Create(new AzureTableOptions { ConnectionString = azurite.ConnectionString, TablePrefix = Azurite.NewPrefix() })),
    new CompressedStateSerializer(new OrleansGrainStorageSerializer(Serializer)))), IClassFixture<Azurite>;
