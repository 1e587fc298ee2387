using Azure.Data.Tables;

namespace Cascade.Tests.Audit;

/// <summary>The chain's rows in the <c>{prefix}Audit</c> table (partition: chain, row key: padded seq).</summary>
public sealed class AzureTableTrail(string connectionString, string prefix) : StoredTrail
{
    private readonly TableClient _audit = new(connectionString, prefix + "Audit");
    private readonly TableClient _chains = new(connectionString, prefix + "AuditChains");

    private static string Key(long seq) => seq.ToString("D19");

    public override async Task SetActor(string chain, long seq, string actor, string? hash = null)
    {
        var entity = new TableEntity(chain, Key(seq)) { ["Actor"] = actor };
        if (hash is not null) entity["Hash"] = hash;
        await _audit.UpdateEntityAsync(entity, Azure.ETag.All, TableUpdateMode.Merge);
    }

    public override async Task ReplaceInAfter(string chain, long seq, string text, string replacement)
    {
        var entity = (await _audit.GetEntityAsync<TableEntity>(chain, Key(seq))).Value;
        entity["After"] = entity.GetString("After").Replace(text, replacement);
        await _audit.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace);
    }

    public override async Task Delete(string chain, long fromSeq = 1, long? toSeq = null)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {chain} and RowKey ge {Key(fromSeq)} and RowKey lt {Key(toSeq is { } to ? to + 1 : long.MaxValue)}");
        await foreach (var row in _audit.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"]))
            await _audit.DeleteEntityAsync(row.PartitionKey, row.RowKey);
    }

    public override async Task<long> CheckpointSeq(string chain)
    {
        await foreach (var row in _chains.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {chain}")))
            return row.GetInt64("CheckpointSeq") ?? 0;
        return 0;
    }
}
