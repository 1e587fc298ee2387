using Azure.Data.Tables;
using Cascade.Bench.Reporting;
using Cascade.Bench.Shared;
using Cascade.Storage.AzureTables;
using Cascade.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Bench.Cluster;

/// <summary>Azure Table Storage as Azurite (in memory, a <c>node</c> child of this process); requests counted per table and method.</summary>
public sealed class AzuriteClusterStore : ClusterStore
{
    private readonly StorageRequests _requests = new();
    private readonly Azurite _azurite = new();
    private readonly string _prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
    private TableClient? _raw;
    private TableEntity? _template;

    public override string Name => "Azurite";
    public override string Description => $"Azurite (in memory) on port {_azurite.Port}";
    public override Dictionary<string, string?> Settings => _azurite.Settings(_prefix);

    public override string AuditWindowSetting => $"{AzureTableOptions.Section}:AuditWindow";
    public override int GoalPercent => 70;
    public override TimeSpan AuditWindow(IServiceProvider node) => node.GetRequiredService<AzureTables>().Settings.AuditWindow;

    public override async Task<long> TakeTemplateAsync(IServiceProvider node)
    {
        var tables = node.GetRequiredService<AzureTables>();
        _template = await RawWrites.TemplateAsync(tables.Service.GetTableClient(tables.Name(AzureTables.GrainState)));
        _raw = tables.Service.GetTableClient(tables.Name("Raw"));
        return RawWrites.Size(_template);
    }

    public override string RawRows => $"copies of a stored unit of {RawWrites.Size(_template!):N0} bytes (the median of the first 500, after the warm-up)";

    public override Task<LoadResult> RawWritesAsync(int keys, int concurrency, TimeSpan duration, int seed) =>
        RawWrites.RunAsync(_raw!, _template!, keys, concurrency, duration, seed);

    public override IReadOnlyList<int> Processes() => [_azurite.ProcessId];

    public override double CpuSeconds() => ChildProcesses.CpuSeconds("node");

    public override Task<IReadOnlyDictionary<string, long>> RequestsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, long>>(_requests.Snapshot().ToDictionary(r => $"{r.Key.Method} {r.Key.Table}", r => r.Value));

    public override void Dispose()
    {
        _azurite.Dispose();
        _requests.Dispose();
    }
}
