using Cascade.Alerts;
using Cascade.Audit;
using Cascade.History;
using Cascade.Inspections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Cascade.Storage.Postgres;

public static class PostgresStorageExtensions
{
    /// <summary>The ADO.NET providers' name for Npgsql.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Orleans' own ADO.NET providers for grain state and reminders on PostgreSQL (over Cascade's
    /// statements, <see cref="PostgresSchema"/>), with state written by Orleans' binary serializer
    /// as on the other backends; the audit trail, the open-alert index's rows, the records of
    /// raised alerts, the inspections and the history points in tables of their own; and the
    /// schema brought up to date before the silo starts (<see cref="PostgresCheck"/>). Everything
    /// shares the node's one connection pool.
    /// </summary>
    public static ISiloBuilder AddCascadePostgresStorage(this ISiloBuilder silo)
    {
        var services = silo.Services;
        services.AddOptions<PostgresOptions>().BindConfiguration(PostgresOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<PostgresDatabase>();
        services.TryAddSingleton<IStorageProbe>(sp => sp.GetRequiredService<PostgresDatabase>());
        services.AddHostedService<PostgresCheck>();
        services.TryAddSingleton<IAuditStore, PostgresAuditStore>();
        services.TryAddSingleton<IAlertIndexStore, PostgresAlertIndexStore>();
        services.TryAddSingleton<IRaisedAlertStore, PostgresRaisedAlertStore>();
        services.TryAddSingleton<FrozenCodec>();
        services.TryAddSingleton<IInspectionStore, PostgresInspectionStore>();
        services.TryAddSingleton<IHistoryStore, PostgresHistoryStore>();
        silo.AddAdoNetGrainStorage(StorageNames.Default, o => o.Configure<PostgresDatabase, Serializer>((options, database, serializer) =>
        {
            options.Invariant = Invariant;
            options.DataSource = database.Source;
            options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        silo.UseAdoNetReminderService(o => o.Configure<PostgresDatabase>((options, database) =>
            (options.Invariant, options.DataSource) = (Invariant, database.Source)));
        return silo;
    }

    /// <summary>Membership in PostgreSQL: the nodes of one cluster find each other through the database they share.</summary>
    public static ISiloBuilder UseCascadePostgresClustering(this ISiloBuilder silo)
    {
        silo.UseAdoNetClustering(o => o.Configure<PostgresDatabase>((options, database) =>
            (options.Invariant, options.DataSource) = (Invariant, database.Source)));
        return silo;
    }
}
