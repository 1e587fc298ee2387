using Azure;
using Azure.Data.Tables;
using Cascade.Alerts;

namespace Cascade.Storage.AzureTables;

/// <summary>
/// The records of raised alerts in Azure Table Storage (<c>{prefix}RaisedAlerts</c>): PartitionKey
/// the UTC month the alert fired (<c>2026-12</c>), RowKey <c>{unitId}|{alertId}</c> (ids are lower-case
/// letters, digits and hyphens, safe in keys). Records are added, never replaced, in entity-group
/// transactions of at most 100; one stored already is dropped from its transaction and the rest sent
/// again. A year's records are twelve or thirteen partition reads; pruning deletes whole old months.
/// </summary>
public sealed class AzureTableRaisedAlertStore(AzureTables tables) : IRaisedAlertStore
{
    private const int MaxActions = 100;

    private Task<TableClient> Table() => tables.Table(AzureTables.RaisedAlerts);

    public static string PartitionKey(DateTimeOffset firedAt) => firedAt.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    public async Task Record(IReadOnlyList<RaisedAlert> raised)
    {
        if (raised.Count == 0) return;
        var table = await Table();
        foreach (var month in raised.GroupBy(r => PartitionKey(r.FiredAt)))
            foreach (var chunk in month.Chunk(MaxActions))
                await Submit(table, [.. chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, Entity(month.Key, r)))]);
    }

    private static async Task Submit(TableClient table, List<TableTransactionAction> batch)
    {
        while (batch.Count > 0)
        {
            try
            {
                await table.SubmitTransactionAsync(batch);
                return;
            }
            catch (TableTransactionFailedException failed) when (failed.Status == 409
                && failed.FailedTransactionActionIndex is { } index && index < batch.Count)
            {
                batch.RemoveAt(index); // recorded already
            }
        }
    }

    public async Task<IReadOnlyList<RaisedAlert>> FiredBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var raised = new List<RaisedAlert>();
        if (to <= from) return raised;
        var table = await Table();
        var first = new DateTimeOffset(from.UtcDateTime.Year, from.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
        for (var month = first; month < to; month = month.AddMonths(1))
        {
            var key = PartitionKey(month);
            await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {key}")))
            {
                var record = Read(entity);
                if (record.FiredAt >= from && record.FiredAt < to) raised.Add(record);
            }
        }
        return [.. raised.OrderBy(r => r.FiredAt).ThenBy(r => r.UnitId, StringComparer.Ordinal).ThenBy(r => r.AlertId, StringComparer.Ordinal)];
    }

    public async Task<int> Prune(DateTimeOffset before)
    {
        var table = await Table();
        var deleted = 0;
        var old = new List<TableEntity>();
        // Whole months before the one holding `before`; that month's older rows one by one.
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey le {PartitionKey(before)}"),
            select: ["PartitionKey", "RowKey", "FiredAt"]))
            if (entity.GetDateTimeOffset("FiredAt") is { } fired && fired < before) old.Add(entity);
        foreach (var month in old.GroupBy(e => e.PartitionKey))
            foreach (var chunk in month.Chunk(MaxActions))
            {
                await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)));
                deleted += chunk.Length;
            }
        return deleted;
    }

    private static TableEntity Entity(string partitionKey, RaisedAlert r) => new(partitionKey, $"{r.UnitId}|{r.AlertId}")
    {
        ["UnitId"] = r.UnitId,
        ["AlertId"] = r.AlertId,
        ["Rule"] = r.Rule,
        ["Severity"] = (int)r.Severity,
        ["TaskId"] = r.TaskId,
        ["FiredAt"] = r.FiredAt.ToUniversalTime(),
    };

    private static RaisedAlert Read(TableEntity e) => new(
        e.GetString("UnitId"), e.GetString("AlertId"), e.GetString("Rule"), (AlertSeverity)(e.GetInt32("Severity") ?? 0),
        e.GetString("TaskId"), e.GetDateTimeOffset("FiredAt")!.Value);
}
