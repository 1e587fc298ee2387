using Azure.Data.Tables;
using Cascade.Audit;
using Cascade.Storage.AzureTables;

namespace Cascade.Tests.Audit;

/// <summary>
/// A chain's entries in the <c>{prefix}AuditTrail</c> table (<see cref="AuditEntities"/>: partition
/// the chain's shard, entries compressed in bundles <c>b!...</c> beside other chains' entries),
/// changed in place as someone with the storage account's key could.
/// </summary>
public sealed class AzureTableTrail(string connectionString, string prefix) : StoredTrail
{
    private readonly TableClient _trail = new(connectionString, prefix + AzureTables.AuditTrail);

    public override Task SetActor(string chain, long seq, string actor, string? hash = null) =>
        Edit(chain, seq, seq, e => e with { Actor = actor, Hash = hash ?? e.Hash });

    public override Task ReplaceInAfter(string chain, long seq, string text, string replacement) =>
        Edit(chain, seq, seq, e => e with { After = e.After!.Replace(text, replacement) });

    public override Task Delete(string chain, long fromSeq = 1, long? toSeq = null) =>
        Edit(chain, fromSeq, toSeq ?? long.MaxValue, _ => null);

    public override async Task<long> CheckpointSeq(string chain)
    {
        var row = await _trail.GetEntityIfExistsAsync<TableEntity>(AuditEntities.Shard(chain), AuditEntities.CheckpointKey(chain), ["Seq"]);
        return row.HasValue ? row.Value!.GetInt64("Seq") ?? 0 : 0;
    }

    public override Task Replace(AuditEntry entry) => Edit(entry.Chain, entry.Seq, entry.Seq, _ => entry);

    /// <summary>The newest checkpoint's row, the seal's and the index rows that keep the checkpoint of <paramref name="seq"/>.</summary>
    public override Task SetCheckpointHash(string chain, long seq, string hash) =>
        EditCheckpoints(chain, seq, seq, (row, prefix) =>
        {
            row[prefix + "Hash"] = hash;
            foreach (var name in new[] { "Scheme", "Mac", "KeyId", "Signature" }) row.Remove(prefix + name);
            return row;
        });

    public override Task DeleteCheckpoints(string chain, long fromSeq) =>
        EditCheckpoints(chain, fromSeq, long.MaxValue, (row, prefix) =>
        {
            if (prefix == "") return null;
            foreach (var name in AuditEntities.CheckpointProperties(prefix)) row.Remove(name);
            return row;
        });

    public override Task AddUnsignedCheckpoint(AuditCheckpoint c) =>
        _trail.UpsertEntityAsync(new TableEntity(AuditEntities.Shard(c.Chain), AuditEntities.CheckpointKey(c.Chain))
        {
            ["Chain"] = c.Chain, ["Seq"] = c.Seq, ["Hash"] = c.Hash, ["At"] = c.At,
        }, TableUpdateMode.Replace);

    /// <summary>Each row keeping one of the chain's checkpoints from <paramref name="low"/> to <paramref name="high"/>: changed, or deleted when null.</summary>
    private async Task EditCheckpoints(string chain, long low, long high, Func<TableEntity, string, TableEntity?> change)
    {
        var shard = AuditEntities.Shard(chain);
        var rows = new List<(TableEntity Row, string Prefix)>();
        foreach (var (prefix, properties) in new[] { (AuditEntities.Checkpoints, ""), (AuditEntities.Seals, ""), (AuditEntities.Indexes, AuditEntities.IndexCheckpoint) })
            await foreach (var row in _trail.QueryAsync<TableEntity>(AuditEntities.Range(shard, prefix)))
                if (AuditEntities.GetCheckpoint(row, properties) is { } c && c.Chain == chain && c.Seq >= low && c.Seq <= high)
                    rows.Add((row, properties));
        foreach (var (row, prefix) in rows)
        {
            if (change(row, prefix) is { } changed) await _trail.UpdateEntityAsync(changed, row.ETag, TableUpdateMode.Replace);
            else await _trail.DeleteEntityAsync(shard, row.RowKey, row.ETag);
        }
    }

    /// <summary>Rewrites every bundle holding the chain's entries from <paramref name="low"/> to <paramref name="high"/>: each changed, or dropped when null.</summary>
    private async Task Edit(string chain, long low, long high, Func<AuditEntry, AuditEntry?> change)
    {
        var shard = AuditEntities.Shard(chain);
        var bundles = new List<TableEntity>();
        await foreach (var bundle in _trail.QueryAsync<TableEntity>(AuditEntities.Range(shard, AuditEntities.Bundles)))
            bundles.Add(bundle);
        foreach (var bundle in bundles)
        {
            var entries = AuditEntities.FromBundle(bundle);
            if (!entries.Any(e => e.Chain == chain && e.Seq >= low && e.Seq <= high)) continue;
            var kept = entries.Select(e => e.Chain == chain && e.Seq >= low && e.Seq <= high ? change(e) : e).OfType<AuditEntry>().ToList();
            if (kept.Count == 0) await _trail.DeleteEntityAsync(shard, bundle.RowKey, bundle.ETag);
            else await _trail.UpdateEntityAsync(AuditEntities.ToBundle(shard, bundle.RowKey, kept), bundle.ETag, TableUpdateMode.Replace);
        }
    }
}
