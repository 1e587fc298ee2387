using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Cascade.Audit;
using static Cascade.Storage.AzureTables.AuditEntities;
using Run = Cascade.Storage.AzureTables.AuditEntities.Run;

namespace Cascade.Storage.AzureTables;

/// <summary>
/// The audit trail in Azure Tables (layout: <see cref="AuditEntities"/>), with the guarantees of
/// <see cref="SqliteAuditStore"/>, at about one storage request and one row per many appends:
/// <list type="bullet">
/// <item>Appends are group-committed per shard: what the node's grains hand in during
/// <see cref="AzureTableOptions.AuditWindow"/> (and while the shard's previous transaction is
/// under way) goes in one entity group transaction: the entries in a bundle per minute, their
/// ref rows, and one row naming where each chain's entries went. All or nothing, so no entry is
/// stored without the row that leads to it. A unit's entries are already durable in its own
/// state (<see cref="AuditOutbox{T}"/>), so the wait costs no request any time.</item>
/// <item>A redelivery reads the range it covers first and stores only what is missing.</item>
/// <item>The checkpoint pass reads each shard's transaction rows, writes each chain's index rows
/// and moves its checkpoint forward (conditionally, so two passes at once cannot move one back),
/// and only then deletes the rows it read: a row stored after the read waits for the next pass.</item>
/// </list>
/// </summary>
public sealed class AzureTableAuditStore(AzureTables tables) : IAuditStore
{
    private const int MaxActions = 100;
    /// <summary>A transaction's entries before compression: its request stays under the service's 4 MB even as base64.</summary>
    private const int MaxBytes = 2_400_000;
    private const int MaxEntries = 2_000;
    /// <summary>Runs in one index row: about 100 characters each, so a row stays far under 1 MB.</summary>
    private const int RunsPerIndexRow = 300;
    private readonly ConcurrentDictionary<string, ShardWriter> _writers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SharedRead<List<Run>>> _unindexed = new(StringComparer.Ordinal);

    /// <summary>How many entries' worth of chains <see cref="ReadAllAsync"/> reads at a time (smaller in tests, to cross groups).</summary>
    internal int ReadAllGroup { get; init; } = 20_000;

    private Task<TableClient> Trail() => tables.Table(AzureTables.AuditTrail);

    public async Task<int> AppendAsync(IReadOnlyList<AuditEntry> entries, bool redelivered)
    {
        if (entries.Count == 0) return 0;
        var chain = entries[0].Chain;
        if (redelivered) return await InsertMissing(chain, entries);
        var writer = _writers.GetOrAdd(Shard(chain), shard => new ShardWriter(this, shard, tables.Settings.AuditWindow));
        try
        {
            return await writer.Append(new Rows(entries.Select(e => new Row(e, Head: true)).ToList()));
        }
        catch (TableTransactionFailedException conflict) when (conflict.Status == 409)
        {
            // The transaction's rows are there already (the SDK retried a transaction that had
            // been stored): this caller's entries may be stored, so take each once.
            return await InsertMissing(chain, entries);
        }
    }

    /// <summary>Skips entries stored with the same seq and time; one with the same seq and another time is kept too, beside it, for verify to report.</summary>
    private async Task<int> InsertMissing(string chain, IReadOnlyList<AuditEntry> entries)
    {
        var trail = await Trail();
        var (low, high) = (entries.Min(e => e.Seq), entries.Max(e => e.Seq));
        var stored = new Dictionary<long, HashSet<string>>();
        foreach (var entry in await ReadChain(trail, chain, low, high, await Unindexed(trail, chain)))
            (stored.TryGetValue(entry.Seq, out var times) ? times : stored[entry.Seq] = []).Add(entry.At);
        var missing = entries
            .Where(e => !(stored.TryGetValue(e.Seq, out var times) && times.Contains(e.At)))
            .Select(e => new Row(e, Head: !stored.ContainsKey(e.Seq)))
            .ToList();
        if (missing.Count == 0) return 0;
        var rows = new Rows(missing);
        await Write(Shard(chain), [rows]);
        return await rows.Done.Task;
    }

    /// <summary>
    /// Writes the shard's waiting appends in as few transactions as the service's limits allow
    /// (100 actions, 4 MB), in order. An append is answered when the transaction with its last
    /// entry is stored; when one fails, every append not yet answered fails with it (transactions
    /// before it stay stored: a redelivery completes them).
    /// </summary>
    private async Task Write(string shard, IReadOnlyList<Rows> appends)
    {
        try
        {
            var trail = await Trail();
            var transaction = new Transaction(shard);
            foreach (var append in appends)
            {
                foreach (var row in append.List)
                {
                    if (!transaction.Fits(row))
                    {
                        await transaction.Commit(trail);
                        transaction = new Transaction(shard);
                    }
                    transaction.Add(row);
                }
                transaction.Answers(append);
            }
            await transaction.Commit(trail);
        }
        catch (Exception error)
        {
            foreach (var append in appends) append.Done.TrySetException(error);
        }
    }

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

    public async Task<int> CheckpointAsync(DateTimeOffset at, AuditKey key)
    {
        var trail = await Trail();
        var time = AuditEntry.FormatTime(at);
        var counts = await Task.WhenAll(AllShards.Select(shard => Checkpoint(trail, shard, time, key)));
        return counts.Sum();
    }

    /// <summary>
    /// One shard's pass: for each chain the unindexed transactions name, its index rows (where
    /// those entries went) and its checkpoint, moved forward only; a chain's rows go in one
    /// transaction where they fit. Then the transaction rows it read are deleted. The checkpoint,
    /// signed, is also kept in the chain's newest index row of the pass: the chain's history.
    /// </summary>
    private static async Task<int> Checkpoint(TableClient trail, string shard, string time, AuditKey key)
    {
        var (appended, runs) = await ReadAppended(trail, shard);
        if (appended.Count == 0) return 0;
        var stored = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var row in trail.QueryAsync<TableEntity>(Range(shard, Checkpoints), select: ["Chain", "Seq"]))
            stored[row.GetString("Chain")] = row;
        var perChain = new List<(List<TableTransactionAction> Actions, bool Moves)>();
        foreach (var chain in runs.GroupBy(r => r.Chain, StringComparer.Ordinal))
        {
            var actions = new List<TableTransactionAction>();
            var indexes = new List<TableEntity>();
            foreach (var part in chain.OrderBy(r => r.High).Chunk(RunsPerIndexRow))
            {
                var index = new TableEntity(shard, NewIndexKey(chain.Key, part.Max(r => r.High)))
                {
                    ["Chain"] = chain.Key, ["Low"] = part.Min(r => r.Low), ["High"] = part.Max(r => r.High),
                };
                PutText(index, "Runs", string.Join('\n', part.Select(r => r.Line)));
                indexes.Add(index);
                actions.Add(new(TableTransactionActionType.Add, index));
            }
            var head = chain.Where(r => r.Hash is not null).MaxBy(r => r.High);
            var had = stored.GetValueOrDefault(chain.Key);
            var moves = head is not null && (had is null || had.GetInt64("Seq") < head.High);
            if (moves)
            {
                var signed = key.Sign(new AuditCheckpoint(chain.Key, head!.High, head.Hash!, time));
                PutCheckpoint(indexes[^1], signed, IndexCheckpoint);
                var checkpoint = new TableEntity(shard, CheckpointKey(chain.Key));
                PutCheckpoint(checkpoint, signed);
                actions.Add(had is null
                    ? new(TableTransactionActionType.Add, checkpoint)
                    : new(TableTransactionActionType.UpdateReplace, checkpoint, had.ETag));
            }
            perChain.Add((actions, moves));
        }
        var moved = 0;
        try
        {
            // About 30K characters an index row at most, so 60 rows a transaction stay under 4 MB.
            var batch = new List<TableTransactionAction>();
            var batchMoves = 0;
            foreach (var (actions, moves) in perChain)
            {
                if (batch.Count + actions.Count > 60)
                {
                    if (batch.Count > 0) await trail.SubmitTransactionAsync(batch);
                    moved += batchMoves;
                    (batch, batchMoves) = ([], 0);
                }
                batch.AddRange(actions);
                if (moves) batchMoves++;
            }
            if (batch.Count > 0) await trail.SubmitTransactionAsync(batch);
            moved += batchMoves;
            // Only once every index row and checkpoint they imply is stored.
            foreach (var chunk in appended.Chunk(MaxActions))
                await trail.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag)));
        }
        catch (TableTransactionFailedException raced) when (raced.Status is 404 or 409 or 412)
        {
            // Another node's pass at the same moment: what is left, the next pass finishes (an
            // index row written twice names the same bundles twice, which readers take once).
        }
        return moved;
    }

    public async Task<IReadOnlyList<AuditCheckpoint>> LatestCheckpointsAsync()
    {
        var trail = await Trail();
        var checkpoints = new List<AuditCheckpoint>();
        foreach (var shard in AllShards)
            await foreach (var row in trail.QueryAsync<TableEntity>(Range(shard, Checkpoints)))
                checkpoints.Add(GetCheckpoint(row)!);
        return checkpoints;
    }

    /// <summary>Each seal in its own row, then the unsigned newest checkpoints (made before the key) deleted.</summary>
    public async Task SealAsync(IReadOnlyList<AuditCheckpoint> seals)
    {
        var trail = await Trail();
        foreach (var shard in seals.GroupBy(s => Shard(s.Chain)))
            foreach (var chunk in shard.Chunk(MaxActions))
                await trail.SubmitTransactionAsync(chunk.Select(seal =>
                {
                    var row = new TableEntity(shard.Key, SealKey(seal.Chain));
                    PutCheckpoint(row, seal);
                    return new TableTransactionAction(TableTransactionActionType.UpsertReplace, row);
                }));
        foreach (var shard in AllShards)
        {
            var unsigned = new List<TableEntity>();
            await foreach (var row in trail.QueryAsync<TableEntity>(Range(shard, Checkpoints), select: ["PartitionKey", "RowKey", "Signature"]))
                if (row.GetString("Signature") is null) unsigned.Add(row);
            foreach (var chunk in unsigned.Chunk(MaxActions))
                await trail.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag)));
        }
    }

    /// <summary>
    /// The seals, the newest checkpoints and the index rows' checkpoints of every shard, merged by
    /// chain name: each range is read in key order, a chain at a time.
    /// </summary>
    public async IAsyncEnumerable<AuditCheckpoint> ReadCheckpointsAsync()
    {
        var trail = await Trail();
        var streams = AllShards.SelectMany(shard => new[]
        {
            CheckpointGroups(trail, shard, Seals, ""), CheckpointGroups(trail, shard, Checkpoints, ""), CheckpointGroups(trail, shard, Indexes, IndexCheckpoint),
        });
        await foreach (var (_, group) in ChainMerge.Merge(streams))
            foreach (var checkpoint in group.DistinctBy(c => (c.Seq, c.Hash, c.Signature)).OrderBy(c => c.Seq))
                yield return checkpoint;
    }

    private static async IAsyncEnumerable<(string Chain, List<AuditCheckpoint> Group)> CheckpointGroups(TableClient trail, string shard, string prefix, string properties)
    {
        var group = new List<AuditCheckpoint>();
        await foreach (var row in trail.QueryAsync<TableEntity>(Range(shard, prefix), select: CheckpointProperties(properties)))
        {
            if (GetCheckpoint(row, properties) is not { } checkpoint) continue;
            if (group.Count > 0 && group[0].Chain != checkpoint.Chain)
            {
                yield return (group[0].Chain, group);
                group = [];
            }
            group.Add(checkpoint);
        }
        if (group.Count > 0) yield return (group[0].Chain, group);
    }

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

    /// <summary>An entry to store; not the head when another entry of its seq is stored already (it goes beside it).</summary>
    private sealed record Row(AuditEntry Entry, bool Head);

    /// <summary>One caller's entries, answered with how many were stored.</summary>
    private sealed class Rows(List<Row> list)
    {
        public List<Row> List => list;
        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// One entity group transaction being filled: its bundles (one open per minute, another when
    /// one is full), the ref rows, and at commit the row naming where each chain's entries went.
    /// </summary>
    private sealed class Transaction(string shard)
    {
        private readonly Dictionary<string, List<Bundle>> _minutes = new(StringComparer.Ordinal);
        private int _bundles;
        private readonly List<TableTransactionAction> _refs = [];
        private readonly List<Rows> _answers = [];
        private int _bytes, _entries;

        /// <summary>Room for the entry, a bundle of its own should it need one, its ref row, and the transaction's row.</summary>
        public bool Fits(Row row) =>
            _entries == 0 || (_entries < MaxEntries && _bytes + Size(row.Entry) <= MaxBytes
                && _refs.Count + _bundles + 1 + (row.Entry.Ref is null ? 0 : 1) + 1 <= MaxActions);

        public void Add(Row row)
        {
            var size = Size(row.Entry);
            var minute = Minute(row.Entry.At);
            var bundles = _minutes.TryGetValue(minute, out var list) ? list : _minutes[minute] = [];
            if (bundles.Count == 0 || bundles[^1].Bytes + size > MaxBundleBytes)
            {
                bundles.Add(new Bundle());
                _bundles++;
            }
            bundles[^1].Rows.Add(row);
            bundles[^1].Bytes += size;
            _bytes += size;
            _entries++;
            if (row.Entry.Ref is { } reference)
                _refs.Add(new(TableTransactionActionType.UpsertReplace, new TableEntity(shard, RefKey(row.Entry.Chain, reference)) { ["Seq"] = row.Entry.Seq }));
        }

        /// <summary>The rows of one bundle being filled, and their estimated size before compression.</summary>
        private sealed class Bundle
        {
            public List<Row> Rows { get; } = [];
            public int Bytes { get; set; }
        }

        /// <summary>The caller's last entry is in this transaction: answer it once this is stored.</summary>
        public void Answers(Rows rows) => _answers.Add(rows);

        public async Task Commit(TableClient trail)
        {
            if (_entries > 0)
            {
                var actions = new List<TableTransactionAction>();
                var runs = new List<Run>();
                foreach (var bundle in _minutes.Values.SelectMany(b => b).Select(b => b.Rows))
                {
                    var key = BundleKey(bundle.Select(r => r.Entry.At).Max(StringComparer.Ordinal)!);
                    actions.Add(new(TableTransactionActionType.Add, ToBundle(shard, key, bundle.Select(r => r.Entry).ToList())));
                    foreach (var chain in bundle.GroupBy(r => r.Entry.Chain, StringComparer.Ordinal))
                    {
                        var heads = chain.Where(r => r.Head).Select(r => r.Entry).ToList();
                        if (heads.Count > 0)
                        {
                            var newest = heads.MaxBy(e => e.Seq)!;
                            runs.Add(new Run(chain.Key, heads.Min(e => e.Seq), newest.Seq, newest.Hash, key));
                        }
                        runs.AddRange(chain.Where(r => !r.Head).Select(r => new Run(chain.Key, r.Entry.Seq, r.Entry.Seq, null, key)));
                    }
                }
                var appended = new TableEntity(shard, Appended + Guid.NewGuid().ToString("N"));
                PutText(appended, "Runs", string.Join('\n', runs.Select(r => r.Line)));
                actions.Add(new(TableTransactionActionType.Add, appended));
                actions.AddRange(_refs);
                await trail.SubmitTransactionAsync(actions);
            }
            foreach (var rows in _answers) rows.Done.TrySetResult(rows.List.Count);
        }
    }

    /// <summary>
    /// The appends waiting for one shard's next transaction: the node writes a shard at most once
    /// per window (the window, then the write), so what arrives meanwhile, during the write too,
    /// shares the next transaction; the writer stops when a window passed with nothing to write.
    /// </summary>
    private sealed class ShardWriter(AzureTableAuditStore store, string shard, TimeSpan window)
    {
        private readonly Lock _lock = new();
        private List<Rows> _waiting = [];
        private bool _running;

        public Task<int> Append(Rows rows)
        {
            lock (_lock)
            {
                _waiting.Add(rows);
                if (_running) return rows.Done.Task;
                _running = true;
            }
            _ = Task.Run(Run);
            return rows.Done.Task;
        }

        private async Task Run()
        {
            while (true)
            {
                if (window > TimeSpan.Zero) await Task.Delay(window);
                List<Rows> appends;
                lock (_lock)
                {
                    if (_waiting.Count == 0)
                    {
                        _running = false;
                        return;
                    }
                    (appends, _waiting) = (_waiting, []);
                }
                await store.Write(shard, appends);
            }
        }
    }
}
