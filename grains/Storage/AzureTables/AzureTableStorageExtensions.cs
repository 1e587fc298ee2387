using Cascade.Alerts;
using Cascade.Audit;
using Cascade.History;
using Cascade.Inspections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization;
using Orleans.Storage;

namespace Cascade.Storage.AzureTables;

public static class AzureTableStorageExtensions
{
    /// <summary>
    /// Orleans' own Azure Table providers for grain state and reminders, with state written by
    /// Orleans' binary serializer (as in SQLite: stored types are named by <c>[Alias]</c> and
    /// <c>[Id]</c>, never by CLR names) and compressed (the ~960 KB entity limit), and the audit
    /// trail, the open-alert index's rows, the records of raised alerts, the inspections and the history points in tables of their own.
    /// </summary>
    public static ISiloBuilder AddCascadeAzureTableStorage(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<AzureTableOptions>().BindConfiguration(AzureTableOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        silo.Services.TryAddSingleton<AzureTables>();
        silo.Services.TryAddSingleton<IStorageProbe>(sp => sp.GetRequiredService<AzureTables>());
        silo.Services.TryAddSingleton<IAuditStore, AzureTableAuditStore>();
        silo.Services.TryAddSingleton<IAlertIndexStore>(sp => new AzureTableAlertIndexStore(sp.GetRequiredService<AzureTables>(),
            new CompressedStateSerializer(new OrleansGrainStorageSerializer(sp.GetRequiredService<Serializer>()))));
        silo.Services.TryAddSingleton<IRaisedAlertStore>(sp => new AzureTableRaisedAlertStore(sp.GetRequiredService<AzureTables>()));
        silo.Services.TryAddSingleton<FrozenCodec>();
        silo.Services.TryAddSingleton<IInspectionStore, AzureTableInspectionStore>();
        silo.Services.TryAddSingleton<IHistoryStore, AzureTableHistoryStore>();
        silo.AddAzureTableGrainStorage(StorageNames.Default, o => o.Configure<AzureTables, Serializer>((options, tables, serializer) =>
        {
            options.TableServiceClient = tables.Service;
            options.TableName = tables.Name(AzureTables.GrainState);
            options.GrainStorageSerializer = new CompressedStateSerializer(new OrleansGrainStorageSerializer(serializer));
        }));
        silo.UseAzureTableReminderService(o => o.Configure<AzureTables>((options, tables) =>
            (options.TableServiceClient, options.TableName) = (tables.Service, tables.Name(AzureTables.Reminders))));
        return silo;
    }
}
