using Azure;
using Azure.Data.Tables;
using Cascade.Alerts;
using Orleans.Storage;

namespace Cascade.Storage.AzureTables;

/// <summary>
/// The open-alert index's rows in Azure Table Storage (<c>{prefix}AlertIndex</c>): PartitionKey the
/// index partition, RowKey the unit id, the row serialized as grain states are (compressed) in
/// binary properties of at most 64 KB each. A flush goes in entity-group transactions of at most
/// 100 rows (and about 3 MB, under the 4 MB a transaction may carry).
/// </summary>
public sealed class AzureTableAlertIndexStore(AzureTables tables, IGrainStorageSerializer serializer) : IAlertIndexStore
{
    private const int MaxActions = 100;
    private const int MaxBatchBytes = 3 * 1024 * 1024;
    private const int PropertyBytes = 64 * 1024;
    /// <summary>15 properties of 64 KB: under the ~1 MB an entity may hold.</summary>
    private const int MaxProperties = 15;

    public static string PartitionKey(int partition) => partition.ToString("D3");

    private Task<TableClient> Table() => tables.Table(AzureTables.AlertIndex);

    public async Task<IReadOnlyList<AlertIndexRow>> Load(int partition)
    {
        var table = await Table();
        var rows = new List<AlertIndexRow>();
        var key = PartitionKey(partition);
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {key}")))
            rows.Add(serializer.Deserialize<AlertIndexRow>(new BinaryData(Join(entity)))!);
        return rows;
    }

    public async Task Save(int partition, IReadOnlyList<AlertIndexRow> changed, IReadOnlyList<string> removed)
    {
        if (changed.Count == 0 && removed.Count == 0) return;
        var table = await Table();
        var key = PartitionKey(partition);
        var batch = new List<TableTransactionAction>(MaxActions);
        var bytes = 0;
        foreach (var row in changed)
        {
            var data = serializer.Serialize(row).ToArray();
            if (batch.Count == MaxActions || bytes + data.Length > MaxBatchBytes) bytes = await Submit(table, batch);
            batch.Add(new(TableTransactionActionType.UpsertReplace, Split(key, row.UnitId, data)));
            bytes += data.Length;
        }
        foreach (var unitId in removed)
        {
            if (batch.Count == MaxActions) bytes = await Submit(table, batch);
            batch.Add(new(TableTransactionActionType.Delete, new TableEntity(key, unitId), ETag.All));
        }
        await Submit(table, batch);
    }

    /// <summary>Submits and empties the batch; a delete of a row that is already gone is dropped from it and the rest sent again.</summary>
    private static async Task<int> Submit(TableClient table, List<TableTransactionAction> batch)
    {
        while (batch.Count > 0)
        {
            try
            {
                await table.SubmitTransactionAsync(batch);
                break;
            }
            catch (TableTransactionFailedException failed) when (failed.Status == 404
                && failed.FailedTransactionActionIndex is { } index && index < batch.Count && batch[index].ActionType == TableTransactionActionType.Delete)
            {
                batch.RemoveAt(index);
            }
        }
        batch.Clear();
        return 0;
    }

    private static TableEntity Split(string partitionKey, string unitId, byte[] data)
    {
        var count = Math.Max(1, (data.Length + PropertyBytes - 1) / PropertyBytes);
        if (count > MaxProperties)
            throw new InvalidOperationException($"The open alerts of {unitId} serialize to {data.Length:N0} bytes, more than an Azure Table entity holds.");
        var entity = new TableEntity(partitionKey, unitId) { ["Parts"] = count };
        for (var i = 0; i < count; i++)
            entity[$"D{i}"] = data.AsSpan(i * PropertyBytes, Math.Min(PropertyBytes, data.Length - i * PropertyBytes)).ToArray();
        return entity;
    }

    private static byte[] Join(TableEntity entity)
    {
        var count = entity.GetInt32("Parts") ?? 1;
        var parts = Enumerable.Range(0, count).Select(i => entity.GetBinary($"D{i}")).ToList();
        var data = new byte[parts.Sum(p => p.Length)];
        var at = 0;
        foreach (var part in parts)
        {
            part.CopyTo(data, at);
            at += part.Length;
        }
        return data;
    }
}
