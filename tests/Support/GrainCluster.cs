using Cascade.Hosting;
using Cascade.Storage;
using Cascade.Storage.Sqlite;
using Cascade.Time;
using Cascade.Units;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Cascade.Tests.Support;

/// <summary>
/// An Orleans InProcessTestCluster running Cascade's grains over a temporary SQLite file (or, in
/// <see cref="AzureTableGrainCluster"/>, over Azure Table Storage on Azurite),
/// with the domain clock on a <see cref="FakeTimeProvider"/> the test moves.
/// </summary>
public class GrainCluster : IAsyncLifetime, IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 6, 15, 2, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _folder = new();
    private InProcessTestCluster? _cluster;

    /// <summary>How often units re-evaluate time (default: one minute, as in production).</summary>
    public TimeSpan ClockInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>When an unacknowledged alert climbs one level (default: two days, as in production).</summary>
    public TimeSpan EscalateAfter { get; init; } = TimeSpan.FromDays(2);

    /// <summary>True: escalation counts working days only (<c>Cascade:Alerts:WorkingTimeOnly</c>; default false, as in production).</summary>
    public bool WorkingTimeOnly { get; init; }

    public FakeTimeProvider Clock { get; } = new(Start);
    public IGrainFactory Grains => _cluster!.Client;
    public IOrganizationGrain Organization => Grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key);
    public IUnitGrain Unit(string id) => Grains.GetGrain<IUnitGrain>(id);

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddKeyedSingleton<TimeProvider>(CascadeSiloExtensions.ClockKey, Clock);
            silo.AddCascadeGrains(Provider);
            silo.Services.Configure<SqliteStorageOptions>(o => o.Path = _folder.File("cascade.db"));
            ConfigureStorage(silo.Services);
            silo.Services.Configure<ClockOptions>(o => o.ClockInterval = ClockInterval);
            silo.Services.Configure<Cascade.Alerts.AlertOptions>(o => (o.EscalateAfter, o.WorkingTimeOnly) = (EscalateAfter, WorkingTimeOnly));
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <summary>The storage provider the silo runs on (<see cref="StorageOptions"/>).</summary>
    protected virtual string Provider => StorageOptions.Sqlite;

    protected virtual void ConfigureStorage(IServiceCollection services) { }

    /// <summary>Another silo joins the cluster (same storage): the cluster's set of nodes changes.</summary>
    public Task AddSiloAsync() => _cluster!.StartAdditionalSiloAsync();

    /// <summary>A service of the first silo, such as its grain storage.</summary>
    public IServiceProvider SiloServices => _cluster!.Silos[0].ServiceProvider;

    /// <summary>The services of each silo running, the first one first.</summary>
    public IReadOnlyList<IServiceProvider> EverySiloServices => [.. _cluster!.Silos.Select(s => s.ServiceProvider)];

    public virtual async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
        _folder.Dispose();
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
}
