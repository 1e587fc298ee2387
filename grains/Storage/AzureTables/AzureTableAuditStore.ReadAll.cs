using System.Collections.Concurrent;
using Azure.Data.Tables;
using Cascade.Audit;
using static Cascade.Storage.AzureTables.AuditEntities;
using Run = Cascade.Storage.AzureTables.AuditEntities.Run;

namespace Cascade.Storage.AzureTables;

/// <summary>Every entry for <c>verify</c>, chain by chain, streamed through the index in groups of chains.</summary>
public sealed partial class AzureTableAuditStore
{
    /// <summary>
    /// Chains in ordinal order of their names, each in seq order, in groups of about 20,000
    /// entries whose bundles are read once: the chains come from the shards' index rows (each
    /// shard's in order of their names, merged) and the unindexed transactions (at most a
    /// checkpoint period's, held in memory), so the index is streamed, not held.
    /// </summary>
    public async IAsyncEnumerable<AuditEntry> ReadAllAsync()
    {
        var trail = await Trail();
        var unindexed = new SortedDictionary<string, List<Run>>(StringComparer.Ordinal);
        foreach (var shard in AllShards)
            foreach (var run in (await ReadAppended(trail, shard)).Runs)
                (unindexed.TryGetValue(run.Chain, out var list) ? list : unindexed[run.Chain] = []).Add(run);
        var group = new Dictionary<string, List<Run>>(StringComparer.Ordinal);
        var size = 0L;
        await foreach (var (chain, runs) in AllChains(trail, unindexed))
        {
            group[chain] = runs;
            size += runs.Sum(r => r.High - r.Low + 1);
            if (size < ReadAllGroup) continue;
            foreach (var entry in await ReadGroup(trail, group)) yield return entry;
            (group, size) = ([], 0);
        }
        foreach (var entry in await ReadGroup(trail, group)) yield return entry;
    }

    /// <summary>Every chain with its runs, in ordinal order of the names: the shards' index streams and the unindexed runs, merged.</summary>
    private static async IAsyncEnumerable<(string Chain, List<Run> Runs)> AllChains(TableClient trail, SortedDictionary<string, List<Run>> unindexed)
    {
        var shards = new List<IAsyncEnumerator<(string Chain, List<Run> Runs)>>();
        try
        {
            foreach (var shard in AllShards)
            {
                var chains = IndexedChains(trail, shard).GetAsyncEnumerator();
                if (await chains.MoveNextAsync()) shards.Add(chains);
                else await chains.DisposeAsync();
            }
            var pending = new Queue<string>(unindexed.Keys);
            while (shards.Count > 0 || pending.Count > 0)
            {
                var next = shards.MinBy(s => s.Current.Chain, StringComparer.Ordinal);
                if (pending.Count > 0 && (next is null || string.CompareOrdinal(pending.Peek(), next.Current.Chain) < 0))
                {
                    var alone = pending.Dequeue();
                    yield return (alone, unindexed[alone]);
                    continue;
                }
                var (chain, runs) = next!.Current;
                if (pending.Count > 0 && pending.Peek() == chain) runs.AddRange(unindexed[pending.Dequeue()]);
                yield return (chain, runs);
                if (!await next.MoveNextAsync())
                {
                    shards.Remove(next);
                    await next.DisposeAsync();
                }
            }
        }
        finally
        {
            foreach (var chains in shards) await chains.DisposeAsync();
        }
    }

    /// <summary>A shard's index rows, chain by chain in ordinal order of their names ('!' ends a name in the key and sorts before every character of one).</summary>
    private static async IAsyncEnumerable<(string Chain, List<Run> Runs)> IndexedChains(TableClient trail, string shard)
    {
        string? chain = null;
        var runs = new List<Run>();
        await foreach (var row in trail.QueryAsync<TableEntity>(Range(shard, Indexes)))
        {
            var name = row.GetString("Chain");
            if (chain is not null && name != chain)
            {
                yield return (chain, runs);
                runs = [];
            }
            chain = name;
            runs.AddRange(Run.In(row, "Runs"));
        }
        if (chain is not null) yield return (chain, runs);
    }

    private static async Task<IEnumerable<AuditEntry>> ReadGroup(TableClient trail, Dictionary<string, List<Run>> group)
    {
        var entries = new ConcurrentBag<AuditEntry>();
        await Task.WhenAll(group.GroupBy(chain => Shard(chain.Key)).Select(async shard =>
        {
            var bundles = shard.SelectMany(chain => chain.Value).Select(r => r.Bundle).ToHashSet(StringComparer.Ordinal);
            foreach (var entry in await ReadBundles(trail, shard.Key, bundles))
                if (group.ContainsKey(entry.Chain)) entries.Add(entry);
        }));
        return Distinct(entries).OrderBy(e => e.Chain, StringComparer.Ordinal).ThenBy(e => e.Seq).ThenBy(e => e.At, StringComparer.Ordinal);
    }
}
