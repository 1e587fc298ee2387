using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Cascade.Audit;
using static Cascade.Storage.AuditEntities;

namespace Cascade.Storage;

/// <summary>
/// The audit trail in Azure Tables (layout: <see cref="AuditEntities"/>), with the guarantees of
/// <see cref="SqliteAuditStore"/>, at about one storage request per many appends:
/// <list type="bullet">
/// <item>Appends are group-committed per shard: what the node's grains hand in during
/// <see cref="AzureTableOptions.AuditWindow"/> (and while the shard's previous transaction is
/// under way) goes in one entity group transaction: each entry and its ref row, a page of the
/// time index per minute, and one row naming the newest seq of each chain in it. All or nothing,
/// so the index cannot miss an entry. A unit's entries are already durable in its own state
/// (<see cref="AuditOutbox{T}"/>), so the wait costs no request any time.</item>
/// <item>A redelivery reads the range it covers first and stores only what is missing.</item>
/// <item>The checkpoint pass reads each shard's transaction rows, moves each chain's checkpoint
/// forward (conditionally, so two passes at once cannot move one back), and only then deletes the
/// rows it read: a row stored after the read waits for the next pass.</item>
/// </list>
/// </summary>
public sealed class AzureTableAuditStore(AzureTables tables) : IAuditStore
{
    private const int MaxActions = 100;
    private const int MaxBytes = 3_000_000;
    private readonly ConcurrentDictionary<string, ShardWriter> _writers = new(StringComparer.Ordinal);

    private Task<TableClient> Trail() => tables.Table(AzureTables.AuditTrail);

    public async Task<int> AppendAsync(IReadOnlyList<AuditEntry> entries, bool redelivered)
    {
        if (entries.Count == 0) return 0;
        var chain = entries[0].Chain;
        if (redelivered) return await InsertMissing(chain, entries);
        var writer = _writers.GetOrAdd(Shard(chain), shard => new ShardWriter(this, shard, tables.Settings.AuditWindow));
        try
        {
            return await writer.Append(new Rows(entries.Select(e => new Row(e, EntryKey(chain, e.Seq), Head: true)).ToList()));
        }
        catch (TableTransactionFailedException conflict) when (conflict.Status == 409)
        {
            // An entry of the transaction is there already (the SDK retried a transaction that had
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
        await foreach (var row in trail.QueryAsync<TableEntity>(ChainRange(chain, low, high), select: ["Seq", "At"]))
        {
            var seq = row.GetInt64("Seq")!.Value;
            (stored.TryGetValue(seq, out var times) ? times : stored[seq] = []).Add(row.GetString("At"));
        }
        var missing = entries
            .Where(e => !(stored.TryGetValue(e.Seq, out var times) && times.Contains(e.At)))
            .Select(e => stored.ContainsKey(e.Seq)
                ? new Row(e, $"{EntryKey(chain, e.Seq)}~{e.Hash[..16]}", Head: false)
                : new Row(e, EntryKey(chain, e.Seq), Head: true))
            .ToList();
        if (missing.Count == 0) return 0;
        var rows = new Rows(missing);
        await Write(Shard(chain), [rows]);
        return await rows.Done.Task;
    }

    /// <summary>
    /// Writes the shard's waiting appends in as few transactions as the service's limits allow
    /// (100 actions, 4 MB), in order, each with its row of the newest seqs. An append is answered
    /// when the transaction with its last entry is stored; when one fails, every append not yet
    /// answered fails with it (transactions before it stay stored: a redelivery completes them).
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
                    var actions = Actions(shard, row);
                    var size = actions.Sum(a => Size((TableEntity)a.Entity));
                    if (!transaction.Fits(actions.Count, size))
                    {
                        await transaction.Commit(trail);
                        transaction = new Transaction(shard);
                    }
                    transaction.Add(actions, size, row);
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

    private static List<TableTransactionAction> Actions(string shard, Row row)
    {
        var actions = new List<TableTransactionAction>(2)
        {
            new(TableTransactionActionType.Add, ToEntity(shard, row.Key, row.Entry)),
        };
        if (row.Entry.Ref is { } reference)
            actions.Add(new(TableTransactionActionType.UpsertReplace, new TableEntity(shard, RefKey(row.Entry.Chain, reference)) { ["Seq"] = row.Entry.Seq }));
        return actions;
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
    /// The newest seq of a chain: its checkpoint, then whatever was appended after it (at most a
    /// checkpoint period's worth of rows).
    /// </summary>
    private static async Task<long> HeadSeq(TableClient trail, string chain)
    {
        var checkpoint = await trail.GetEntityIfExistsAsync<TableEntity>(Shard(chain), CheckpointKey(chain), ["Seq"]);
        var seq = checkpoint.HasValue ? checkpoint.Value!.GetInt64("Seq") ?? 0 : 0;
        await foreach (var row in trail.QueryAsync<TableEntity>(ChainRange(chain, seq + 1), select: ["Seq"]))
            seq = Math.Max(seq, row.GetInt64("Seq")!.Value);
        return seq;
    }

    /// <summary>A chain read backwards from its head, <paramref name="window"/> seqs at a time; the caller stops when it has enough.</summary>
    private static async IAsyncEnumerable<List<AuditEntry>> Backwards(TableClient trail, string chain, int window)
    {
        for (var high = await HeadSeq(trail, chain); high >= 1; high -= window)
            yield return await ReadChain(trail, chain, Math.Max(1, high - window + 1), high);
    }

    private static async Task<List<AuditEntry>> ReadChain(TableClient trail, string chain, long low, long high)
    {
        var rows = new List<AuditEntry>();
        await foreach (var row in trail.QueryAsync<TableEntity>(ChainRange(chain, low, high)))
            rows.Add(ToEntry(row));
        return rows;
    }

    public async Task<int> CheckpointAsync(DateTimeOffset at)
    {
        var trail = await Trail();
        var time = AuditEntry.FormatTime(at);
        var counts = await Task.WhenAll(AllShards.Select(shard => Checkpoint(trail, shard, time)));
        return counts.Sum();
    }

    private static async Task<int> Checkpoint(TableClient trail, string shard, string time)
    {
        var appended = new List<TableEntity>();
        var newest = new Dictionary<string, (long Seq, string Hash)>(StringComparer.Ordinal);
        await foreach (var row in trail.QueryAsync<TableEntity>(Range(shard, Appended)))
        {
            appended.Add(row);
            foreach (var (chain, seq, hash) in Transaction.Heads(row))
                if (!newest.TryGetValue(chain, out var known) || seq > known.Seq) newest[chain] = (seq, hash);
        }
        if (appended.Count == 0) return 0;
        var stored = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var row in trail.QueryAsync<TableEntity>(Range(shard, Checkpoints), select: ["Chain", "Seq"]))
            stored[row.GetString("Chain")] = row;
        var moves = new List<TableTransactionAction>();
        foreach (var (chain, (seq, hash)) in newest)
        {
            var had = stored.GetValueOrDefault(chain);
            if (had is not null && had.GetInt64("Seq") >= seq) continue;
            var checkpoint = new TableEntity(shard, CheckpointKey(chain)) { ["Chain"] = chain, ["Seq"] = seq, ["Hash"] = hash, ["At"] = time };
            moves.Add(had is null
                ? new(TableTransactionActionType.Add, checkpoint)
                : new(TableTransactionActionType.UpdateReplace, checkpoint, had.ETag));
        }
        var moved = 0;
        try
        {
            foreach (var chunk in moves.Chunk(MaxActions))
            {
                await trail.SubmitTransactionAsync(chunk);
                moved += chunk.Length;
            }
            // Only once every checkpoint they imply is stored.
            foreach (var chunk in appended.Chunk(MaxActions))
                await trail.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag)));
        }
        catch (TableTransactionFailedException raced) when (raced.Status is 404 or 409 or 412)
        {
            // Another node's pass at the same moment: what is left, the next pass finishes.
        }
        return moved;
    }

    public async Task<IReadOnlyList<AuditCheckpoint>> LatestCheckpointsAsync()
    {
        var trail = await Trail();
        var checkpoints = new List<AuditCheckpoint>();
        foreach (var shard in AllShards)
            await foreach (var row in trail.QueryAsync<TableEntity>(Range(shard, Checkpoints)))
                checkpoints.Add(new AuditCheckpoint(row.GetString("Chain"), row.GetInt64("Seq")!.Value, row.GetString("Hash"), row.GetString("At")));
        return checkpoints;
    }

    /// <summary>
    /// Each shard's entries come chain by chain in ordinal order of their names, each in seq order;
    /// the shards are merged by the name of the chain each is at.
    /// </summary>
    public async IAsyncEnumerable<AuditEntry> ReadAllAsync()
    {
        var trail = await Trail();
        var shards = new List<IAsyncEnumerator<TableEntity>>();
        try
        {
            foreach (var shard in AllShards)
            {
                var rows = trail.QueryAsync<TableEntity>(Range(shard, Entries)).GetAsyncEnumerator();
                shards.Add(rows);
                if (!await rows.MoveNextAsync()) shards.Remove(rows);
            }
            while (shards.Count > 0)
            {
                var next = shards.MinBy(s => s.Current.GetString("Chain"), StringComparer.Ordinal)!;
                var chain = next.Current.GetString("Chain");
                bool more;
                do
                {
                    yield return ToEntry(next.Current);
                    more = await next.MoveNextAsync();
                }
                while (more && next.Current.GetString("Chain") == chain);
                if (!more) shards.Remove(next);
            }
        }
        finally
        {
            foreach (var rows in shards) await rows.DisposeAsync();
        }
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
        var found = new List<AuditEntry>();
        await foreach (var rows in Backwards(await Trail(), unit, Math.Max(limit, 100)))
        {
            found.AddRange(rows.Where(e => e.UnitId == unit && Within(e, from, to)));
            if (found.Count >= limit || from is not null && rows.All(e => string.CompareOrdinal(e.At, from) < 0)) break;
        }
        return found;
    }

    /// <summary>
    /// The whole trail by time: each shard's pages newest first, until the limit is reached by
    /// entries newer than every later page (and the rest of their millisecond, so ties are ordered
    /// as SQLite orders them); then the entries they point to, read as one range of seqs per chain
    /// (a chain's entries are in time order, so the newest of the whole trail are the newest of
    /// each chain).
    /// </summary>
    private async Task<List<AuditEntry>> QueryTime(string? from, string? to, int limit)
    {
        var trail = await Trail();
        var parts = await Task.WhenAll(AllShards.Select(shard => Newest(trail, shard, from, to, limit)));
        var chosen = parts.SelectMany(p => p)
            .OrderByDescending(p => p.At, StringComparer.Ordinal).ThenByDescending(p => p.Chain, StringComparer.Ordinal).ThenByDescending(p => p.Seq)
            .Take(limit).ToHashSet();
        var found = new ConcurrentBag<AuditEntry>();
        await Parallel.ForEachAsync(chosen.GroupBy(p => p.Chain), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (chain, _) =>
        {
            foreach (var entry in await ReadChain(trail, chain.Key, chain.Min(p => p.Seq), chain.Max(p => p.Seq)))
                if (chosen.Contains(new Pointer(entry.At, entry.Chain, entry.Seq))) found.Add(entry);
        });
        return [.. found];
    }

    /// <summary>
    /// A page holds one minute, so pages newer than a minute after <paramref name="to"/> hold
    /// nothing up to it; once <paramref name="limit"/> entries are newer than a page's newest,
    /// no later page can add one.
    /// </summary>
    private static async Task<List<Pointer>> Newest(TableClient trail, string shard, string? from, string? to, int limit)
    {
        var start = Pages + (to is null ? "" : Inverted(Ticks(to) + TimeSpan.TicksPerMinute));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey ge {start} and RowKey lt {Pages + End}");
        var pointers = new List<Pointer>();
        await foreach (var page in trail.QueryAsync<TableEntity>(filter, select: ["Newest", "Entries"]))
        {
            var newest = page.GetString("Newest");
            if (from is not null && string.CompareOrdinal(newest, from) < 0) break;
            if (pointers.Count >= limit)
            {
                pointers.Sort((x, y) => string.CompareOrdinal(y.At, x.At));
                if (string.CompareOrdinal(newest, pointers[limit - 1].At) < 0) break;
            }
            foreach (var line in page.GetString("Entries").Split('\n'))
            {
                var parts = line.Split(' ');
                var pointer = new Pointer(parts[0], parts[1], long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
                if ((from is null || string.CompareOrdinal(pointer.At, from) >= 0) && (to is null || string.CompareOrdinal(pointer.At, to) <= 0))
                    pointers.Add(pointer);
            }
        }
        return pointers;
    }

    /// <summary>An entry's line in a page of the time index: where it is, and when.</summary>
    private sealed record Pointer(string At, string Chain, long Seq);

    /// <summary>An entry and its row key (a second entry with a stored seq sits beside it, and is no chain's head).</summary>
    private sealed record Row(AuditEntry Entry, string Key, bool Head);

    /// <summary>One caller's entries, answered with how many were stored.</summary>
    private sealed class Rows(List<Row> list)
    {
        public List<Row> List => list;
        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>One entity group transaction being filled, with its row of the newest seq of each chain in it.</summary>
    private sealed class Transaction(string shard)
    {
        private readonly List<TableTransactionAction> _actions = [];
        private readonly Dictionary<string, (long Seq, string Hash)> _heads = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<AuditEntry>> _pages = new(StringComparer.Ordinal);
        private readonly List<Rows> _answers = [];
        private int _size;

        /// <summary>Room for these actions, the heads row, and the pages (one more, should the entry start a minute); at most ~1 KB per chain or entry in them.</summary>
        public bool Fits(int actions, int size) =>
            _actions.Count == 0 || (_actions.Count + actions + 1 + _pages.Count + 1 <= MaxActions
                && _size + size + (_heads.Count + _actions.Count + 2) * 1024 <= MaxBytes);

        public void Add(List<TableTransactionAction> actions, int size, Row row)
        {
            _actions.AddRange(actions);
            _size += size;
            if (row.Head && (!_heads.TryGetValue(row.Entry.Chain, out var head) || row.Entry.Seq > head.Seq))
                _heads[row.Entry.Chain] = (row.Entry.Seq, row.Entry.Hash);
            var minute = Minute(row.Entry.At);
            (_pages.TryGetValue(minute, out var page) ? page : _pages[minute] = []).Add(row.Entry);
        }

        /// <summary>The caller's last entry is in this transaction: answer it once this is stored.</summary>
        public void Answers(Rows rows) => _answers.Add(rows);

        public async Task Commit(TableClient trail)
        {
            if (_actions.Count > 0)
            {
                if (_heads.Count > 0)
                    _actions.Add(new(TableTransactionActionType.Add, new TableEntity(shard, Appended + Guid.NewGuid().ToString("N"))
                    {
                        ["Heads"] = string.Join('\n', _heads.Select(h => $"{h.Key} {h.Value.Seq} {h.Value.Hash}")),
                    }));
                foreach (var page in _pages.Values)
                {
                    var newest = page.Select(e => e.At).Max(StringComparer.Ordinal)!;
                    _actions.Add(new(TableTransactionActionType.Add, new TableEntity(shard, PageKey(newest))
                    {
                        ["Newest"] = newest,
                        ["Entries"] = string.Join('\n', page.Select(e => $"{e.At} {e.Chain} {e.Seq}")),
                    }));
                }
                await trail.SubmitTransactionAsync(_actions);
            }
            foreach (var rows in _answers) rows.Done.TrySetResult(rows.List.Count);
        }

        public static IEnumerable<(string Chain, long Seq, string Hash)> Heads(TableEntity appended) =>
            appended.GetString("Heads").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' '))
                .Select(parts => (parts[0], long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[2]));
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
