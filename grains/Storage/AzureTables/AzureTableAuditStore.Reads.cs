using System.Collections.Concurrent;
using Azure.Data.Tables;
using Cascade.Audit;
using static Cascade.Storage.AzureTables.AuditEntities;
using Run = Cascade.Storage.AzureTables.AuditEntities.Run;

namespace Cascade.Storage.AzureTables;

/// <summary>Reads of the trail: a chain's head and refs, its entries through its index and the unindexed transactions, queries by unit and by time.</summary>
public sealed partial class AzureTableAuditStore
{
    public async Task<AuditEntry?> GetHeadAsync(string chain)
    {
        await foreach (var rows in Backwards(await Trail(), chain, 100))
            if (rows.Where(e => e.Ref is not null).MaxBy(e => e.Seq) is { } withRef) return withRef;
        return null;
    }

    public async Task<IReadOnlySet<string>> FindRefsAsync(string chain, IReadOnlyCollection<string> refs)
    {
        var trail = await Trail();
        var found = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(refs, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (reference, cancel) =>
        {
            var row = await trail.GetEntityIfExistsAsync<TableEntity>(Shard(chain), RefKey(chain, reference), ["Seq"], cancel);
            if (row.HasValue) found[reference] = true;
        });
        return found.Keys.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Where the chain's entries went in the transactions the checkpoint pass has not indexed yet.
    /// Every chain of a shard reads the same rows, and units woken together (a node's grains moving
    /// to the survivors, a start-up) redeliver together: reads of a shard are shared by the
    /// callers that arrive while one is under way (<see cref="SharedRead{T}"/>).
    /// </summary>
    private async Task<List<Run>> Unindexed(TableClient trail, string chain)
    {
        var shard = Shard(chain);
        var read = _unindexed.GetOrAdd(shard, _ => new SharedRead<List<Run>>(async () => (await ReadAppended(trail, shard)).Runs));
        return (await read.Get()).Where(r => r.Chain == chain).ToList();
    }

    /// <summary>A shard's transaction rows not indexed yet, and the runs they name.</summary>
    private static async Task<(List<TableEntity> Rows, List<Run> Runs)> ReadAppended(TableClient trail, string shard)
    {
        var rows = new List<TableEntity>();
        var runs = new List<Run>();
        await foreach (var row in trail.QueryAsync<TableEntity>(Range(shard, Appended)))
        {
            rows.Add(row);
            runs.AddRange(Run.In(row, "Runs"));
        }
        return (rows, runs);
    }

    /// <summary>
    /// A chain read backwards from its head, <paramref name="window"/> seqs at a time; the caller
    /// stops when it has enough. The head is the newest of the unindexed transactions and the
    /// first index row; the index is read once, newest first, as far as each window needs (a row
    /// names no seq above its highest).
    /// </summary>
    private async IAsyncEnumerable<List<AuditEntry>> Backwards(TableClient trail, string chain, int window)
    {
        var runs = await Unindexed(trail, chain);
        var head = runs.Where(r => r.Hash is not null).Select(r => r.High).DefaultIfEmpty(0).Max();
        await using var index = trail.QueryAsync<TableEntity>(Range(Shard(chain), IndexKey(chain)), maxPerPage: 100).GetAsyncEnumerator();
        var more = await index.MoveNextAsync();
        if (more) head = Math.Max(head, index.Current.GetInt64("High")!.Value);
        for (var high = head; high >= 1; high -= window)
        {
            var low = Math.Max(1, high - window + 1);
            for (; more && index.Current.GetInt64("High") >= low; more = await index.MoveNextAsync())
                runs.AddRange(Run.In(index.Current, "Runs"));
            yield return await ReadRuns(trail, chain, low, high, runs);
        }
    }

    /// <summary>A chain's entries from <paramref name="low"/> to <paramref name="high"/>: its index rows that can name them, and the unindexed transactions.</summary>
    private static async Task<List<AuditEntry>> ReadChain(TableClient trail, string chain, long low, long high, List<Run> unindexed)
    {
        var runs = new List<Run>(unindexed);
        await foreach (var row in trail.QueryAsync<TableEntity>(IndexFrom(chain, low)))
            runs.AddRange(Run.In(row, "Runs"));
        return await ReadRuns(trail, chain, low, high, runs);
    }

    /// <summary>
    /// A chain's entries from <paramref name="low"/> to <paramref name="high"/> in seq order, those
    /// stored beside a seq included: from the bundles <paramref name="runs"/> name for those seqs.
    /// </summary>
    private static async Task<List<AuditEntry>> ReadRuns(TableClient trail, string chain, long low, long high, List<Run> runs)
    {
        var bundles = runs.Where(r => r.Overlaps(low, high)).Select(r => r.Bundle).ToHashSet(StringComparer.Ordinal);
        return Distinct((await ReadBundles(trail, Shard(chain), bundles)).Where(e => e.Chain == chain && e.Seq >= low && e.Seq <= high))
            .OrderBy(e => e.Seq).ThenBy(e => e.At, StringComparer.Ordinal).ToList();
    }

    private static async Task<List<AuditEntry>> ReadBundles(TableClient trail, string shard, IEnumerable<string> keys)
    {
        var entries = new ConcurrentBag<AuditEntry>();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (key, cancel) =>
        {
            var bundle = await trail.GetEntityIfExistsAsync<TableEntity>(shard, key, cancellationToken: cancel);
            if (bundle.HasValue) foreach (var entry in FromBundle(bundle.Value!)) entries.Add(entry);
        });
        return [.. entries];
    }

    /// <summary>An entry is one chain, seq, time and hash: should a race have stored one twice, it is read once.</summary>
    private static IEnumerable<AuditEntry> Distinct(IEnumerable<AuditEntry> entries) => entries.DistinctBy(e => (e.Chain, e.Seq, e.At, e.Hash));

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query)
    {
        var from = query.From is { } f ? AuditEntry.FormatTime(f) : null;
        var to = query.To is { } t ? AuditEntry.FormatTime(t) : null;
        var found = query.UnitId is { } unit ? await QueryChain(unit, from, to, query.Limit) : await QueryTime(from, to, query.Limit);
        return Distinct(found).OrderByDescending(e => e.At, StringComparer.Ordinal).ThenByDescending(e => e.Chain, StringComparer.Ordinal)
            .ThenByDescending(e => e.Seq).Take(query.Limit).ToList();
    }

    private static bool Within(AuditEntry e, string? from, string? to) =>
        (from is null || string.CompareOrdinal(e.At, from) >= 0) && (to is null || string.CompareOrdinal(e.At, to) <= 0);

    /// <summary>
    /// A unit's entries are its chain: read backwards from the head in windows of seqs until the
    /// limit is reached or a whole window is older than <paramref name="from"/> (a chain's entries
    /// are in time order).
    /// </summary>
    private async Task<List<AuditEntry>> QueryChain(string unit, string? from, string? to, int limit)
    {
        var found = new List<AuditEntry>();
        await foreach (var rows in Backwards(await Trail(), unit, Math.Max(limit, 100)))
        {
            found.AddRange(rows.Where(e => e.UnitId == unit && Within(e, from, to)));
            if (found.Count >= limit || from is not null && rows.All(e => string.CompareOrdinal(e.At, from) < 0)) break;
        }
        return found;
    }

    /// <summary>
    /// The whole trail by time: each shard's bundles newest first, until the limit is reached by
    /// entries newer than every later bundle (and the rest of their millisecond, so ties are
    /// ordered as SQLite orders them). A bundle holds one minute, so bundles newer than a minute
    /// after <paramref name="to"/> hold nothing up to it.
    /// </summary>
    private async Task<List<AuditEntry>> QueryTime(string? from, string? to, int limit)
    {
        var trail = await Trail();
        var parts = await Task.WhenAll(AllShards.Select(shard => Newest(trail, shard, from, to, limit)));
        return parts.SelectMany(p => p).ToList();
    }

    private static async Task<List<AuditEntry>> Newest(TableClient trail, string shard, string? from, string? to, int limit)
    {
        var start = Bundles + (to is null ? "" : Inverted(Ticks(to) + TimeSpan.TicksPerMinute));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey ge {start} and RowKey lt {Bundles + End}");
        var found = new List<AuditEntry>();
        await foreach (var bundle in trail.QueryAsync<TableEntity>(filter))
        {
            var newest = bundle.GetString("Newest");
            if (from is not null && string.CompareOrdinal(newest, from) < 0) break;
            if (found.Count >= limit)
            {
                found.Sort((x, y) => string.CompareOrdinal(y.At, x.At));
                if (string.CompareOrdinal(newest, found[limit - 1].At) < 0) break;
            }
            found.AddRange(FromBundle(bundle).Where(e => Within(e, from, to)));
        }
        return found;
    }
}
