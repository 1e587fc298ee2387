using Cascade.Cluster;
using System.Net;
using Cascade.Alerts;
using Cascade.Audit;
using Cascade.Identity;
using Cascade.Notifications;
using Cascade.Rollup;
using Cascade.Storage;
using Cascade.Storage.AzureTables;
using Cascade.Storage.Postgres;
using Cascade.Storage.Sqlite;
using Cascade.Telemetry;
using Cascade.Time;
using Cascade.Units;
using Cascade.Wall;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Cascade.Hosting;

public static class CascadeSiloExtensions
{
    /// <summary>The key of the <see cref="TimeProvider"/> behind the domain's clock (tests replace it).</summary>
    public const string ClockKey = "cascade";

    /// <summary>How long a grain call may take before it fails; long enough for a province's start-up.</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A whole Cascade node: grains and storage from configuration, with localhost clustering
    /// over SQLite, or the cluster's membership in its shared store with
    /// <c>Cascade:Storage:Provider=azureTable</c> or <c>postgres</c>.
    /// </summary>
    public static ISiloBuilder AddCascadeSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var cluster = configuration.GetSection(CascadeClusterOptions.Section).Get<CascadeClusterOptions>() ?? new();
        var storage = StorageOptions.From(configuration);
        if (storage.IsShared)
        {
            silo.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (cluster.ServiceId, cluster.ClusterId));
            silo.ConfigureEndpoints(cluster.SiloPort, cluster.GatewayPort);
            if (storage.IsPostgres) silo.UseCascadePostgresClustering();
            else
                silo.UseAzureStorageClustering(o => o.Configure<AzureTables>((options, tables) =>
                    (options.TableServiceClient, options.TableName) = (tables.Service, tables.Name(AzureTables.Cluster))));
        }
        else
        {
            var primary = cluster.PrimarySiloPort is { } port ? new IPEndPoint(IPAddress.Loopback, port) : null;
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, primary, cluster.ServiceId, cluster.ClusterId);
        }
        // A start after a restart activates every unit inside the organization grain's activation
        // (it reads each unit's node; each unit waits for its children's reports), and the first
        // calls wait for all of it: 20-30 s for a province of 100,000 units on 2 cores, where
        // Orleans' default of 30 s failed the start (bench "alerts", docs/benchmarks.md).
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
        silo.Configure<ClusterMembershipOptions>(o => TuneMembership(o, cluster));
        // Grain calls carry the caller's trace (W3C traceparent in the request context) while
        // traces are exported. Only then: any grain call filter costs every call about 2 µs and
        // 1.2 KB here, even with no span recorded.
        if (CascadeTelemetryExtensions.ExportsOtlp(configuration)) silo.AddActivityPropagation();
        return silo.AddCascadeGrains(storage.Provider);
    }

    /// <summary>
    /// Membership for a small cluster (docs/operations.md): a dead node is declared within seconds,
    /// not the 10-20 s of Orleans' defaults, which are sized for hundreds of nodes. What keeps a
    /// slow but living node from being voted out under full CPU is Orleans' own: the probe
    /// timeout adapts to measured answer times (up to 4x), it grows while the prober is itself
    /// short of CPU, a probe that fails directly is retried through another node before anyone
    /// suspects, and a node that recently sent messages on its connection is not suspected.
    /// </summary>
    private static void TuneMembership(ClusterMembershipOptions o, CascadeClusterOptions cluster)
    {
        o.ProbeTimeout = cluster.ProbeTimeout;
        o.NumMissedProbesLimit = cluster.MissedProbesLimit;
        // Every other node watches every node (3 is Orleans' default, all of them in a small
        // cluster); two votes, or one node with the failed indirect probe, declare a death.
        o.NumProbedSilos = 3;
        o.NumVotesForDeathDeclaration = 2;
        // Gossip spreads a death at once; the table is read again every 10 s (60 s by default)
        // in case a gossip message was lost with the dead node.
        o.TableRefreshTimeout = TimeSpan.FromSeconds(10);
    }

    /// <summary>Grains, options, the domain clock, grain storage, the audit store and reminders, without clustering.</summary>
    public static ISiloBuilder AddCascadeGrains(this ISiloBuilder silo, string provider = StorageOptions.Sqlite)
    {
        var services = silo.Services;
        RememberedInterfaceTypes.AddFirst(services);
        services.AddOptions<CascadeClusterOptions>().BindConfiguration(CascadeClusterOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ClockOptions>().BindConfiguration(ClockOptions.Section).ValidateDataAnnotations()
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Cascade:TimeZone is not a known time zone.")
            .Validate(o => o.StaleAfter > TimeSpan.Zero, "Cascade:StaleAfter must be positive.")
            .Validate(o => o.ClockInterval >= TimeSpan.FromMilliseconds(10) && o.ClockInterval <= TimeSpan.FromMinutes(1),
                "Cascade:ClockInterval must be between 10 ms and one minute.")
            .ValidateOnStart();
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RollupOptions>().BindConfiguration(RollupOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SignInOptions>().BindConfiguration(SignInOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Cascade.Directives.DirectiveOptions>().BindConfiguration(Cascade.Directives.DirectiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WallOptions>().BindConfiguration(WallOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SqliteStorageOptions>().BindConfiguration(SqliteStorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddKeyedSingleton(ClockKey, TimeProvider.System);
        services.TryAddSingleton(sp => new DomainClock(
            sp.GetRequiredKeyedService<TimeProvider>(ClockKey), sp.GetRequiredService<IOptions<ClockOptions>>()));
        services.TryAddSingleton(new VersionClock(TimeProvider.System)); // never the domain's clock, which tests move
        services.TryAddSingleton<VersionLeases>();

        services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(sp => new AlertRules(sp.GetRequiredService<IOptions<AlertOptions>>().Value));
        services.AddCascadeCalendar();
        services.AddCascadeAuditKey(sp => sp.GetRequiredService<IOptions<SqliteStorageOptions>>().Value.Path);
        services.AddCascadeNotifications();

        services.AddHostedService<AuditCheckpoints>();
        services.TryAddSingleton<ClusterChanges>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ClusterChanges>());
        services.TryAddSingleton<LocalUnits>();
        services.AddHostedService<RollupRepair>(); // passes only after ClusterChanges, which runs once the silo is active
        services.AddHostedService<Cascade.Directives.ScheduleClock>();
        services.AddOptions<Cascade.History.HistoryOptions>().BindConfiguration(Cascade.History.HistoryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<Cascade.History.HistoryClock>();
        services.TryAddSingleton<Cascade.Silences.SilenceBook>();
        services.AddHostedService<Cascade.Silences.SilenceRefresh>();
        var storage = new StorageOptions { Provider = provider };
        if (storage.IsAzureTable) silo.AddCascadeAzureTableStorage();
        else if (storage.IsPostgres) silo.AddCascadePostgresStorage();
        else silo.AddCascadeSqliteStorage();
        return silo;
    }
}
