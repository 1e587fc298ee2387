using Azure.Data.Tables;
using Cascade.Storage;

namespace Cascade.Tests.Audit;

/// <summary>A chain's rows in the <c>{prefix}AuditTrail</c> table (<see cref="AuditEntities"/>: partition the chain's shard, entries keyed <c>c!{chain}!{seq}</c>).</summary>
public sealed class AzureTableTrail(string connectionString, string prefix) : StoredTrail
{
    private readonly TableClient _trail = new(connectionString, prefix + AzureTables.AuditTrail);

    public override async Task SetActor(string chain, long seq, string actor, string? hash = null)
    {
        var entity = new TableEntity(AuditEntities.Shard(chain), AuditEntities.EntryKey(chain, seq)) { ["Actor"] = actor };
        if (hash is not null) entity["Hash"] = hash;
        await _trail.UpdateEntityAsync(entity, Azure.ETag.All, TableUpdateMode.Merge);
    }

    public override async Task ReplaceInAfter(string chain, long seq, string text, string replacement)
    {
        var entity = (await _trail.GetEntityAsync<TableEntity>(AuditEntities.Shard(chain), AuditEntities.EntryKey(chain, seq))).Value;
        entity["After"] = entity.GetString("After").Replace(text, replacement);
        await _trail.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace);
    }

    public override async Task Delete(string chain, long fromSeq = 1, long? toSeq = null)
    {
        await foreach (var row in _trail.QueryAsync<TableEntity>(AuditEntities.ChainRange(chain, fromSeq, toSeq), select: ["PartitionKey", "RowKey"]))
            await _trail.DeleteEntityAsync(row.PartitionKey, row.RowKey);
    }

    public override async Task<long> CheckpointSeq(string chain)
    {
        var row = await _trail.GetEntityIfExistsAsync<TableEntity>(AuditEntities.Shard(chain), AuditEntities.CheckpointKey(chain), ["Seq"]);
        return row.HasValue ? row.Value!.GetInt64("Seq") ?? 0 : 0;
    }
}
