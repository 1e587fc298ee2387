using Azure;
using Azure.Data.Tables;
using static Cascade.Storage.AzureTables.HistoryMonth;

namespace Cascade.Storage.AzureTables;

/// <summary>Pruning: the months wholly before the day deleted, the month it falls in rewritten without its earlier days.</summary>
public sealed partial class AzureTableHistoryStore
{
    private static readonly string[] AllFigures = [.. Enumerable.Range(1, 31).Select(F)];

    public async Task<int> Prune(DateOnly before)
    {
        var table = await Table();
        var pruned = 0;
        // Every month before the cut's: in steady state none is left, and the scan finds nothing.
        var old = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey ge {"m"} and PartitionKey lt {Partition(before)}"), select: [.. AllFigures.Prepend("RowKey").Prepend("PartitionKey")]))
        {
            old.Add(row);
            pruned += Enumerable.Range(1, 31).Count(d => Figures(row, d) is not null);
        }
        foreach (var month in old.GroupBy(r => r.PartitionKey))
            foreach (var chunk in month.Chunk(MaxActions))
                await Delete(table, [.. chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(r.PartitionKey, r.RowKey), ETag.All))]);
        if (before.Day > 1) pruned += await PruneMonth(table, before);
        return pruned;
    }

    /// <summary>Rewrites each entity of the cut's month that holds a day before it (or deletes it, if nothing is left), conditionally; a refused one is read again.</summary>
    private static async Task<int> PruneMonth(TableClient table, DateOnly before)
    {
        var pruned = 0;
        for (var attempt = 1; ; attempt++)
        {
            var actions = new List<(TableTransactionAction Action, int Pruned)>();
            await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition(before)}")))
            {
                var kept = Without(row, before.Day, out var count);
                if (count == 0) continue;
                actions.Add((kept is null
                    ? new(TableTransactionActionType.Delete, new TableEntity(row.PartitionKey, row.RowKey), row.ETag)
                    : new(TableTransactionActionType.UpdateReplace, kept, row.ETag), count));
            }
            var failed = false;
            foreach (var chunk in actions.Chunk(MaxActions))
            {
                try
                {
                    await table.SubmitTransactionAsync(chunk.Select(a => a.Action));
                    pruned += chunk.Sum(a => a.Pruned);
                }
                catch (TableTransactionFailedException changed) when (changed.Status is 404 or 412 && attempt < MaxAttempts)
                {
                    failed = true; // an append or another prune came between: read again
                }
            }
            if (!failed) return pruned;
        }
    }

    /// <summary>Deletes the rows; one deleted meanwhile is left out and the rest sent again.</summary>
    private static async Task Delete(TableClient table, List<TableTransactionAction> batch)
    {
        while (batch.Count > 0)
        {
            try
            {
                await table.SubmitTransactionAsync(batch);
                return;
            }
            catch (TableTransactionFailedException gone) when (gone.Status == 404 && gone.FailedTransactionActionIndex is { } index && index < batch.Count)
            {
                batch.RemoveAt(index);
            }
        }
    }
}
