using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Cascade.Storage.AzureTables;

/// <summary>
/// The node's one client of Azure Table Storage and the names of the tables Cascade keeps there
/// (all starting with <see cref="AzureTableOptions.TablePrefix"/>). The client is made on first
/// use, so a wrong connection string is reported by <see cref="AzureTableCheck"/> with the
/// setting's name instead of failing the composition of services.
/// </summary>
public sealed class AzureTables(IOptions<AzureTableOptions> options) : IStorageProbe
{
    public const string GrainState = "GrainState";
    public const string Cluster = "Cluster";
    public const string Reminders = "Reminders";
    public const string AuditTrail = "AuditTrail";
    public const string Keys = "Keys";
    public const string AlertIndex = "AlertIndex";
    public const string RaisedAlerts = "RaisedAlerts";
    public const string Inspections = "Inspections";
    public const string History = "History";

    /// <summary>Tables Cascade creates itself (Orleans creates its own three).</summary>
    public static readonly IReadOnlyList<string> Own = [AuditTrail, Keys, AlertIndex, RaisedAlerts, Inspections, History];

    private readonly ConcurrentDictionary<string, Task<TableClient>> _tables = new(StringComparer.Ordinal);
    private TableServiceClient? _service;

    public TableServiceClient Service =>
        LazyInitializer.EnsureInitialized(ref _service, () => Connect(options.Value.ConnectionString, options.Value.TablePrefix, Interceptor));

    /// <summary>The tests': a policy that sees each try of every request, after the SDK's retry policy (as a network fault would).</summary>
    internal HttpPipelinePolicy? Interceptor { get; init; }

    public AzureTableOptions Settings => options.Value;

    public string Name(string table) => options.Value.TablePrefix + table;

    /// <summary>A table of Cascade's own, created the first time this node uses it.</summary>
    public async Task<TableClient> Table(string table)
    {
        var created = _tables.GetOrAdd(table, Create);
        try
        {
            return await created;
        }
        catch
        {
            _tables.TryRemove(new(table, created)); // the next use tries again
            throw;
        }
    }

    private async Task<TableClient> Create(string table)
    {
        var client = Service.GetTableClient(Name(table));
        await client.CreateIfNotExistsAsync();
        return client;
    }

    /// <summary>For <c>/readyz</c>: one point read of a row that does not exist, which needs the storage and the credentials.</summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        var trail = await Table(AuditTrail);
        await trail.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("probe", "probe", ["PartitionKey"], cancellationToken);
    }

    /// <summary>
    /// Retries stay well inside a grain call's timeout (3 tries of at most 8 s), so a storage that
    /// hangs fails the write, and the caller gets a 503, instead of the call timing out while the
    /// write may still land.
    /// </summary>
    private static TableServiceClient Connect(string? connectionString, string tablePrefix, HttpPipelinePolicy? interceptor)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new StorageUnavailableException($"{AzureTableOptions.ConnectionStringSetting} is empty; Cascade:Storage:Provider=azureTable needs it.");
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = 2;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(500);
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(8);
        clientOptions.AddPolicy(new StorageRequestCounter(tablePrefix), HttpPipelinePosition.PerRetry);
        if (interceptor is not null) clientOptions.AddPolicy(interceptor, HttpPipelinePosition.PerRetry);
        try
        {
            return new TableServiceClient(connectionString, clientOptions);
        }
        catch (Exception error) when (error is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new StorageUnavailableException(
                $"{AzureTableOptions.ConnectionStringSetting} is not an Azure Storage connection string ({error.Message}). " +
                "Azurite's, for example: DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=<its key>;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;");
        }
    }
}
