using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Cascade.Audit;
using static Cascade.Storage.AuditEntities;

namespace Cascade.Storage;

/// <summary>
/// The audit trail in Azure Tables, with the guarantees of <see cref="SqliteAuditStore"/>:
/// <list type="bullet">
/// <item><c>Audit</c>: one partition per chain, an entry per row keyed by its padded seq, inserted
/// (never replaced) together with the chain's <c>head</c> row (newest seq and hash, and the newest
/// entry that carries a ref) and a row per ref, in entity group transactions. A redelivery reads
/// the range it covers first and skips what is there.</item>
/// <item><c>AuditTime</c>: a copy of each entry for <c>GET /audit?from=&amp;to=</c>, partitioned by
/// hour and by a shard of the chain (16 partitions an hour, so no partition is a hot spot), row keys
/// newest first; the partition <c>hours</c> lists the hours that have entries.</item>
/// <item><c>AuditChains</c>: a row per chain with its newest checkpoint and a <c>Grew</c> flag that
/// every append sets; the checkpoint pass visits the flagged rows only and clears each flag on the
/// condition that nothing appended since it read it (its ETag).</item>
/// </list>
/// </summary>
public sealed class AzureTableAuditStore(AzureTables tables) : IAuditStore
{
    private const string Hours = "hours";
    private readonly ConcurrentDictionary<string, bool> _knownHours = new(StringComparer.Ordinal);

    public async Task<AuditEntry?> GetHeadAsync(string chain)
    {
        var audit = await tables.Table(AzureTables.Audit);
        var head = await audit.GetEntityIfExistsAsync<TableEntity>(chain, Head);
        if (!head.HasValue || head.Value!.GetInt64("RefSeq") is not { } seq) return null;
        var entry = await audit.GetEntityIfExistsAsync<TableEntity>(chain, SeqKey(seq));
        return entry.HasValue ? ToEntry(entry.Value!) : null;
    }

    public async Task<IReadOnlySet<string>> FindRefsAsync(string chain, IReadOnlyCollection<string> refs)
    {
        var audit = await tables.Table(AzureTables.Audit);
        var found = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(refs, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (reference, cancel) =>
        {
            var row = await audit.GetEntityIfExistsAsync<TableEntity>(chain, RefKey(reference), ["Seq"], cancel);
            if (row.HasValue) found[reference] = true;
        });
        return found.Keys.ToHashSet(StringComparer.Ordinal);
    }

    public async Task<int> AppendAsync(IReadOnlyList<AuditEntry> entries, bool redelivered)
    {
        if (entries.Count == 0) return 0;
        var chain = entries[0].Chain;
        var audit = await tables.Table(AzureTables.Audit);
        int inserted;
        if (!redelivered)
        {
            try
            {
                inserted = await Insert(audit, chain, entries.Select(e => (e, SeqKey(e.Seq))).ToList(), headSeq: 0);
            }
            catch (TableTransactionFailedException conflict) when (conflict.Status == 409)
            {
                inserted = await InsertMissing(audit, chain, entries); // some were stored after all: take each once
            }
        }
        else inserted = await InsertMissing(audit, chain, entries);
        await IndexByTime(entries);
        // Last, so a checkpoint pass that read the flag before these entries were stored sees it move.
        var chains = await tables.Table(AzureTables.AuditChains);
        await chains.UpsertEntityAsync(new TableEntity(Shard(chain), chain) { ["Grew"] = true }, TableUpdateMode.Merge);
        return inserted;
    }

    /// <summary>Skips entries stored with the same seq and time; one with the same seq and another time is kept too, beside it, for verify to report.</summary>
    private async Task<int> InsertMissing(TableClient audit, string chain, IReadOnlyList<AuditEntry> entries)
    {
        var (low, high) = (entries.Min(e => e.Seq), entries.Max(e => e.Seq));
        var stored = new Dictionary<long, HashSet<string>>();
        await foreach (var row in audit.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {chain} and RowKey ge {SeqKey(low)} and RowKey lt {SeqKey(high + 1)}"), select: ["Seq", "At"]))
        {
            var seq = row.GetInt64("Seq")!.Value;
            (stored.TryGetValue(seq, out var times) ? times : stored[seq] = []).Add(row.GetString("At"));
        }
        var missing = entries
            .Where(e => !(stored.TryGetValue(e.Seq, out var times) && times.Contains(e.At)))
            .Select(e => (e, stored.ContainsKey(e.Seq) ? $"{SeqKey(e.Seq)}~{e.Hash[..16]}" : SeqKey(e.Seq)))
            .ToList();
        if (missing.Count == 0) return 0;
        var head = await audit.GetEntityIfExistsAsync<TableEntity>(chain, Head, ["Seq"]);
        return await Insert(audit, chain, missing, head.HasValue ? head.Value!.GetInt64("Seq") ?? 0 : 0);
    }

    /// <summary>Inserts the entries and their refs; each transaction also moves the chain's head forward (never back).</summary>
    private static async Task<int> Insert(TableClient audit, string chain, List<(AuditEntry Entry, string Key)> entries, long headSeq)
    {
        var actions = new List<TableTransactionAction>();
        foreach (var (entry, key) in entries)
        {
            actions.Add(new(TableTransactionActionType.Add, ToEntity(chain, key, entry)));
            if (entry.Ref is not null)
                actions.Add(new(TableTransactionActionType.UpsertReplace, new TableEntity(chain, RefKey(entry.Ref)) { ["Seq"] = entry.Seq }));
        }
        await Submit(audit, actions, batch =>
        {
            var added = batch.Select(a => (TableEntity)a.Entity).Where(e => e.RowKey != Head && !e.RowKey.StartsWith("r.", StringComparison.Ordinal)).ToList();
            var newest = added.MaxBy(e => e.GetInt64("Seq"));
            if (newest is null || newest.GetInt64("Seq") <= headSeq) return null;
            headSeq = newest.GetInt64("Seq")!.Value;
            var head = new TableEntity(chain, Head) { ["Seq"] = headSeq, ["Hash"] = newest.GetString("Hash") };
            if (added.Where(e => e.GetString("Ref") is not null).MaxBy(e => e.GetInt64("Seq")) is { } withRef)
                head["RefSeq"] = withRef.GetInt64("Seq");
            return new(TableTransactionActionType.UpsertMerge, head);
        });
        return entries.Count;
    }

    /// <summary>Upserts, so a redelivery repairs an index row lost between the two writes.</summary>
    private async Task IndexByTime(IReadOnlyList<AuditEntry> entries)
    {
        var time = await tables.Table(AzureTables.AuditTime);
        foreach (var hour in entries.Select(e => Hour(e.At)).Distinct())
        {
            if (_knownHours.ContainsKey(hour)) continue;
            await time.UpsertEntityAsync(new TableEntity(Hours, Inverted(long.Parse(hour))) { ["Hour"] = hour }, TableUpdateMode.Replace);
            _knownHours[hour] = true;
        }
        foreach (var partition in entries.GroupBy(e => TimePartition(Hour(e.At), e.Chain)))
            await Submit(time, partition.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(partition.Key, TimeKey(e), e))));
    }

    public async Task<int> CheckpointAsync(DateTimeOffset at)
    {
        var (audit, chains) = (await tables.Table(AzureTables.Audit), await tables.Table(AzureTables.AuditChains));
        var time = AuditEntry.FormatTime(at);
        var counts = await Task.WhenAll(AllShards.Select(async shard =>
        {
            var count = 0;
            await foreach (var row in chains.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {shard} and Grew eq true")))
            {
                var head = await audit.GetEntityIfExistsAsync<TableEntity>(row.RowKey, Head, ["Seq", "Hash"]);
                var seq = head.HasValue ? head.Value!.GetInt64("Seq") ?? 0 : 0;
                var update = new TableEntity(row.PartitionKey, row.RowKey) { ["Grew"] = false };
                var grew = seq > (row.GetInt64("CheckpointSeq") ?? 0);
                if (grew)
                {
                    update["CheckpointSeq"] = seq;
                    update["CheckpointHash"] = head.Value!.GetString("Hash");
                    update["CheckpointAt"] = time;
                }
                try
                {
                    await chains.UpdateEntityAsync(update, row.ETag, TableUpdateMode.Merge);
                    if (grew) count++;
                }
                catch (RequestFailedException moved) when (moved.Status == 412)
                {
                    // Appended to since it was read: the next pass checkpoints it.
                }
            }
            return count;
        }));
        return counts.Sum();
    }

    public async Task<IReadOnlyList<AuditCheckpoint>> LatestCheckpointsAsync()
    {
        var chains = await tables.Table(AzureTables.AuditChains);
        var checkpoints = new List<AuditCheckpoint>();
        await foreach (var row in chains.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"CheckpointSeq gt {0L}")))
            checkpoints.Add(new AuditCheckpoint(row.RowKey, row.GetInt64("CheckpointSeq")!.Value, row.GetString("CheckpointHash"), row.GetString("CheckpointAt")));
        return checkpoints;
    }

    public async IAsyncEnumerable<AuditEntry> ReadAllAsync()
    {
        var audit = await tables.Table(AzureTables.Audit);
        // Partitions come in key order, rows in seq order: chain by chain, as verify walks them.
        await foreach (var row in audit.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey lt {AfterEntries}")))
            yield return ToEntry(row);
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query)
    {
        var from = query.From is { } f ? AuditEntry.FormatTime(f) : null;
        var to = query.To is { } t ? AuditEntry.FormatTime(t) : null;
        var found = query.UnitId is { } unit ? await QueryChain(unit, from, to, query.Limit) : await QueryTime(from, to, query.Limit);
        return found.OrderByDescending(e => e.At, StringComparer.Ordinal).ThenByDescending(e => e.Chain, StringComparer.Ordinal)
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
        var audit = await tables.Table(AzureTables.Audit);
        var head = await audit.GetEntityIfExistsAsync<TableEntity>(unit, Head, ["Seq"]);
        var found = new List<AuditEntry>();
        var window = Math.Max(limit, 100);
        for (var high = head.HasValue ? head.Value!.GetInt64("Seq") ?? 0 : 0; high >= 1 && found.Count < limit; high -= window)
        {
            var low = Math.Max(1, high - window + 1);
            var rows = new List<AuditEntry>();
            await foreach (var row in audit.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {unit} and RowKey ge {SeqKey(low)} and RowKey lt {SeqKey(high + 1)}")))
                rows.Add(ToEntry(row));
            found.AddRange(rows.Where(e => e.UnitId == unit && Within(e, from, to)));
            if (from is not null && rows.All(e => string.CompareOrdinal(e.At, from) < 0)) break;
        }
        return found;
    }

    /// <summary>
    /// The whole trail by time: the hours that have entries, newest first, and in each hour its 16
    /// partitions, each read newest first up to the limit (and the rest of the last millisecond,
    /// so ties are ordered as SQLite orders them), until the limit is reached.
    /// </summary>
    private async Task<List<AuditEntry>> QueryTime(string? from, string? to, int limit)
    {
        var time = await tables.Table(AzureTables.AuditTime);
        var hoursFilter = $"PartitionKey eq '{Hours}'";
        if (to is not null) hoursFilter += $" and RowKey ge '{Inverted(long.Parse(Hour(to)))}'";
        if (from is not null) hoursFilter += $" and RowKey le '{Inverted(long.Parse(Hour(from)))}'";
        var upper = to is null ? null : Inverted(Ticks(to));
        var lower = from is null ? null : Inverted(Ticks(from)) + "/"; // '/' sorts after the '.' that follows the time
        var found = new List<AuditEntry>();
        await foreach (var hour in time.QueryAsync<TableEntity>(hoursFilter, select: ["Hour"]))
        {
            var parts = await Task.WhenAll(AllShards.Select(shard => Newest(time, $"{hour.GetString("Hour")}.{shard}", upper, lower, limit)));
            found.AddRange(parts.SelectMany(p => p));
            if (found.Count >= limit) break; // every older hour holds only older entries
        }
        return found;
    }

    private static async Task<List<AuditEntry>> Newest(TableClient time, string partition, string? upper, string? lower, int limit)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        if (upper is not null) filter += TableClient.CreateQueryFilter($" and RowKey ge {upper}");
        if (lower is not null) filter += TableClient.CreateQueryFilter($" and RowKey lt {lower}");
        var entries = new List<AuditEntry>();
        string? lastTime = null;
        await foreach (var row in time.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(1000, limit + 1)))
        {
            var rowTime = row.RowKey[..19];
            if (entries.Count >= limit && rowTime != lastTime) break;
            entries.Add(ToEntry(row));
            lastTime = rowTime;
        }
        return entries;
    }
}
