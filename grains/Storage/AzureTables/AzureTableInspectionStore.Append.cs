using Azure.Data.Tables;
using Cascade.Inspections;

namespace Cascade.Storage.AzureTables;

/// <summary>Appending frozen units: entity group transactions of whole units in the order given, a unit's overflow rows first.</summary>
public sealed partial class AzureTableInspectionStore
{
    public async Task Append(string inspectionId, IReadOnlyList<(FrozenUnit Unit, UnitSnapshot Work)> rows)
    {
        if (rows.Count == 0) return;
        var table = await Table();
        var transactions = new List<List<TableTransactionAction>>();
        var actions = new List<TableTransactionAction>(MaxActions);
        var bytes = 0;
        foreach (var (unit, work) in rows)
        {
            var row = codec.Row(unit);
            var data = codec.Work(work);
            var inMain = Math.Min(data.Length, MainParts * BinaryParts.PartBytes);
            var overflow = await AddOverflow(table, inspectionId, unit.UnitId, data, inMain);
            var main = new TableEntity(inspectionId, UnitKey(unit.UnitId)) { ["R"] = row, ["Overflow"] = overflow };
            BinaryParts.Put(main, "W", data, 0, inMain);
            var size = 2 * row.Length + inMain;
            if (actions.Count + 2 > MaxActions || (actions.Count > 0 && bytes + size > MaxBatchBytes))
            {
                transactions.Add(actions);
                (actions, bytes) = (new List<TableTransactionAction>(MaxActions), 0);
            }
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(inspectionId, OrderKey(unit.Order)) { ["Depth"] = unit.Depth, ["R"] = row }));
            actions.Add(new(TableTransactionActionType.Add, main));
            bytes += size;
        }
        transactions.Add(actions);
        // One after another, in the order given (a capture's: the shape's last units first), so the
        // rows held are always an unbroken run of them, which is what a resumed capture restores.
        foreach (var batch in transactions) await Commit(table, batch);
    }

    /// <summary>Stores the bytes after <paramref name="inMain"/> in overflow rows, each once; answers how many rows.</summary>
    private static async Task<int> AddOverflow(TableClient table, string inspectionId, string unitId, byte[] data, int inMain)
    {
        var per = BinaryParts.MaxPerEntity * BinaryParts.PartBytes;
        var n = 0;
        for (var at = inMain; at < data.Length; at += per)
        {
            var part = new TableEntity(inspectionId, OverflowKey(unitId, ++n));
            BinaryParts.Put(part, "W", data, at, Math.Min(per, data.Length - at));
            await InsertOnce(table, part);
        }
        return n;
    }

    /// <summary>
    /// Submits one transaction of Adds. When the service refuses it because a row is stored already
    /// (the SDK retried a transaction that was stored, or a capture resumed a batch), the rows found
    /// stored are left out and the rest sent again: the first of each row is kept.
    /// </summary>
    private static async Task Commit(TableClient table, List<TableTransactionAction> actions)
    {
        while (actions.Count > 0)
        {
            try
            {
                await table.SubmitTransactionAsync(actions);
                return;
            }
            catch (TableTransactionFailedException failed) when (failed.Status == 409)
            {
                var stored = await Task.WhenAll(actions.Select(async a =>
                    (await table.GetEntityIfExistsAsync<TableEntity>(a.Entity.PartitionKey, a.Entity.RowKey, ["RowKey"])).HasValue));
                var missing = actions.Where((_, i) => !stored[i]).ToList();
                if (missing.Count == actions.Count) throw;
                actions = missing;
            }
        }
    }
}
