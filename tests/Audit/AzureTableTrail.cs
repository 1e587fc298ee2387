using Azure.Data.Tables;
using Cascade.Audit;
using Cascade.Storage;

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
