using Cascade.Storage;
using Cascade.Storage.AzureTables;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Tests.Support;

/// <summary>The grain cluster with grain state, reminders and the audit trail in Azure Table Storage, on an Azurite of its own.</summary>
public class AzureTableGrainCluster : GrainCluster
{
    private readonly Azurite _azurite = new();

    public string ConnectionString => _azurite.ConnectionString;
    public string TablePrefix { get; } = Azurite.NewPrefix();

    protected override string Provider => StorageOptions.AzureTable;

    protected override void ConfigureStorage(IServiceCollection services) =>
        services.Configure<AzureTableOptions>(o => (o.ConnectionString, o.TablePrefix) = (_azurite.ConnectionString, TablePrefix));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _azurite.Dispose();
    }
}
