using Azure;
using Azure.Data.Tables;
using Cascade.Bench.Shared;

namespace Cascade.Bench.Cluster;

/// <summary>
/// Azurite's own write rate, without Cascade: as many single-entity writes as <c>concurrency</c>
/// writers can make, each a copy of a real unit's stored row (same properties, same size),
/// replacing rows as grain state writes do, over as many keys as the tree has units (Azurite's
/// in-memory tables get slower as they grow, so the raw table is as big as the grain-state
/// table). The yardstick for Cascade's rate.
/// </summary>
public static class RawWrites
{
    /// <summary>A stored unit row of about the median size among the first rows of the grain-state table.</summary>
    public static async Task<TableEntity> TemplateAsync(TableClient grainState)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in grainState.QueryAsync<TableEntity>(maxPerPage: 500))
        {
            rows.Add(row);
            if (rows.Count == 500) break;
        }
        if (rows.Count == 0) throw new InvalidOperationException("The grain-state table is empty.");
        return rows.OrderBy(Size).ElementAt(rows.Count / 2);
    }

    /// <summary>Bytes of the row's properties as stored (binary and string values).</summary>
    public static long Size(TableEntity row) => row.Select(p => p.Value).Sum(v => v switch
    {
        byte[] bytes => bytes.Length,
        BinaryData data => data.ToMemory().Length,
        string text => text.Length * 2,
        _ => 8,
    });

    public static async Task<LoadResult> RunAsync(TableClient table, TableEntity template, int keys, int concurrency, TimeSpan duration, int seed)
    {
        await table.CreateIfNotExistsAsync();
        var properties = template.Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).ToList();
        var next = 0L;
        return await ClosedLoop.RunAsync(concurrency, duration, seed, async _ =>
        {
            var n = Interlocked.Increment(ref next);
            var row = new TableEntity($"raw_{n % keys}", "state");
            foreach (var (key, value) in properties) row[key] = value;
            try
            {
                using var response = await table.UpsertEntityAsync(row, TableUpdateMode.Replace);
                return response.Status;
            }
            catch (RequestFailedException failed)
            {
                return failed.Status;
            }
        });
    }
}
