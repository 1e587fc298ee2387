using Cascade.Storage;
using Cascade.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Tests.Support;

/// <summary>
/// The grain cluster with grain state, reminders, the audit trail and Cascade's other stores in
/// PostgreSQL: a new database on the run's shared server (<see cref="Postgres"/>), its schema
/// applied by the node's own start-up check.
/// </summary>
public class PostgresGrainCluster : GrainCluster
{
    public string ConnectionString { get; } = Postgres.NewConnectionString();

    protected override string Provider => StorageOptions.Postgres;

    protected override void ConfigureStorage(IServiceCollection services) =>
        services.Configure<PostgresOptions>(o => o.ConnectionString = ConnectionString);
}
