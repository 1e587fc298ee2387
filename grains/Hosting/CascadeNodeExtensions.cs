using Cascade.Storage;
using Cascade.Storage.AzureTables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cascade.Hosting;

public static class CascadeNodeExtensions
{
    /// <summary>
    /// A co-hosted silo with Cascade's grains and storage. With Azure Table Storage or PostgreSQL,
    /// a storage check runs (and may refuse the start) before the silo starts; PostgreSQL's is
    /// registered with its storage (<see cref="Storage.Postgres.PostgresCheck"/>).
    /// </summary>
    public static IHostApplicationBuilder AddCascadeNode(this IHostApplicationBuilder builder)
    {
        if (StorageOptions.From(builder.Configuration).IsAzureTable) builder.Services.AddHostedService<AzureTableCheck>();
        builder.UseOrleans(silo => silo.AddCascadeSilo(builder.Configuration));
        return builder;
    }

    /// <summary>
    /// Runs the node; answers 1 when its storage cannot be used. That was logged as one message
    /// naming the setting, so nothing more is printed (no unhandled-exception dump).
    /// </summary>
    public static int RunCascade(this IHost host)
    {
        try
        {
            host.Run();
            return 0;
        }
        catch (StorageUnavailableException)
        {
            return 1;
        }
    }
}
