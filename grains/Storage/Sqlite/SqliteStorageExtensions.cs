using Cascade.Alerts;
using Cascade.Audit;
using Cascade.Inspections;
using Cascade.History;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace Cascade.Storage.Sqlite;

public static class SqliteStorageExtensions
{
    /// <summary>One database file: grain states, the open-alert index's rows, the records of raised alerts, the history points and the audit trail share its group-commit writer; reminders in memory.</summary>
    public static ISiloBuilder AddCascadeSqliteStorage(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton<SqliteDatabase>();
        silo.Services.TryAddSingleton<IStorageProbe>(sp => sp.GetRequiredService<SqliteDatabase>());
        silo.Services.TryAddSingleton<IAuditStore, SqliteAuditStore>();
        silo.Services.TryAddSingleton<IAlertIndexStore>(sp => new SqliteAlertIndexStore(
            sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<Serializer>()));
        silo.Services.TryAddSingleton<IRaisedAlertStore>(sp => new SqliteRaisedAlertStore(sp.GetRequiredService<SqliteDatabase>()));
        silo.Services.TryAddSingleton<FrozenCodec>();
        silo.Services.TryAddSingleton<IInspectionStore, SqliteInspectionStore>();
        silo.Services.TryAddSingleton<IHistoryStore>(sp => new SqliteHistoryStore(sp.GetRequiredService<SqliteDatabase>()));
        silo.Services.AddGrainStorage(StorageNames.Default, (sp, _) => new SqliteGrainStorage(
            sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<Serializer>()));
        silo.UseInMemoryReminderService();
        return silo;
    }
}
