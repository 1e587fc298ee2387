using Azure.Data.Tables;
using Cascade.History;
using static Cascade.Storage.AzureTables.HistoryMonth;

namespace Cascade.Storage.AzureTables;

/// <summary>
/// The history points in Azure Table Storage (<c>{prefix}History</c>), a unit's month in one entity
/// (<see cref="HistoryMonth"/>): a day's append is a merge of one property into each unit's entity,
/// in entity group transactions of 100 (the month is the partition); one unit's 90 days are three
/// or four point reads; a past day's tree is one scan of its month's partition selecting only that
/// day's figures and the structures; pruning drops whole months and rewrites the month it cuts.
/// Appends are conditional on the ETag read, so a point stored already, even by another node at
/// the same moment, is kept as it is.
/// </summary>
public sealed partial class AzureTableHistoryStore(AzureTables tables) : IHistoryStore
{
    private const int MaxActions = 100;
    private const int MaxAttempts = 5;

    private Task<TableClient> Table() => tables.Table(AzureTables.History);

    private static readonly string[] Structures = [.. Enumerable.Range(1, 31).Select(S)];

    public async Task Append(IReadOnlyList<HistoryPoint> points)
    {
        if (points.Count == 0) return;
        var table = await Table();
        await Task.WhenAll(points.GroupBy(p => Partition(p.Day)).Select(month => AppendMonth(table, month.Key, [.. month])));
    }

    /// <summary>
    /// Reads the batch's units' entities (one range of keys: a day's batches come in id order),
    /// only the days from the batch's first on and the structures, then merges what is missing.
    /// A transaction refused because an entity changed since the read is read and done again.
    /// </summary>
    private static async Task AppendMonth(TableClient table, string month, List<HistoryPoint> points)
    {
        var ids = points.Select(p => p.UnitId).Distinct().Order(StringComparer.Ordinal).ToList();
        var select = Enumerable.Range(points.Min(p => p.Day.Day), 32 - points.Min(p => p.Day.Day)).Select(F).Concat(Structures).Prepend("RowKey").ToList();
        for (var attempt = 1; ; attempt++)
        {
            var stored = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
            await foreach (var row in table.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {month} and RowKey ge {ids[0]} and RowKey le {ids[^1]}"), select: select))
                stored[row.RowKey] = row;
            var actions = new List<TableTransactionAction>();
            foreach (var unit in points.GroupBy(p => p.UnitId))
            {
                var found = stored.GetValueOrDefault(unit.Key);
                var known = found is null ? new TableEntity(month, unit.Key) : Copy(found);
                var change = new TableEntity(month, unit.Key);
                var added = false;
                foreach (var point in unit.OrderBy(p => p.Day)) added |= HistoryMonth.Add(known, change, point);
                if (added)
                    actions.Add(found is null ? new(TableTransactionActionType.Add, change) : new(TableTransactionActionType.UpdateMerge, change, found.ETag));
            }
            try
            {
                await Task.WhenAll(actions.Chunk(MaxActions).Select(chunk => table.SubmitTransactionAsync(chunk)));
                return;
            }
            catch (TableTransactionFailedException changed) when (changed.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another append of these units came between the read and the write: read again.
            }
        }
    }

    private static TableEntity Copy(TableEntity entity)
    {
        var copy = new TableEntity(entity.PartitionKey, entity.RowKey);
        foreach (var (name, value) in entity)
            if (value is not null && (name.StartsWith('F') || name.StartsWith('S'))) copy[name] = value;
        return copy;
    }

    public async Task<IReadOnlyList<HistoryPoint>> Read(string unitId, DateOnly from, DateOnly to)
    {
        if (to < from) return [];
        var table = await Table();
        var months = Months(from, to).ToList();
        var rows = await Task.WhenAll(months.Select(m => table.GetEntityIfExistsAsync<TableEntity>(Partition(m), unitId)));
        var points = new List<HistoryPoint>();
        for (var i = 0; i < months.Count; i++)
        {
            if (!rows[i].HasValue) continue;
            var first = months[i];
            for (var day = 1; day <= DateTime.DaysInMonth(first.Year, first.Month); day++)
            {
                var date = first.AddDays(day - 1);
                if (date >= from && date <= to && HistoryMonth.Point(rows[i].Value!, first, day) is { } point) points.Add(point);
            }
        }
        return points;
    }

    public async Task<IReadOnlyList<HistoryPoint>> ReadDay(DateOnly day, string unitId, int depth)
    {
        var table = await Table();
        var first = new DateOnly(day.Year, day.Month, 1);
        var points = new List<HistoryPoint>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition(day)}"),
            select: [.. Structures.Take(day.Day).Prepend(F(day.Day)).Prepend("RowKey")]))
            if (HistoryMonth.Point(row, first, day.Day) is { } point) points.Add(point);
        return HistorySubtree.Select(points, unitId, depth);
    }
}
