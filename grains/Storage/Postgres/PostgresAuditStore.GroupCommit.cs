using Cascade.Audit;
using Npgsql;

namespace Cascade.Storage.Postgres;

/// <summary>The group commit: appends queue for the node's one writer, which stores what gathered in one transaction and then answers each caller.</summary>
public sealed partial class PostgresAuditStore
{
    /// <summary>Entries a transaction takes before the writer stops gathering (one append is never split).</summary>
    internal const int MaxBatchEntries = 5_000;

    /// <summary>
    /// Any number that identifies the audit appends' lock among the database's advisory locks.
    /// Every node's writer holds it from its first row to its commit, so bundle ids become visible
    /// in their order and the checkpoint pass never passes over a bundle committed late.
    /// </summary>
    internal const long AppendLock = 0x43617363616465 + 1;

    private static readonly string TakeLock = $"SELECT pg_advisory_xact_lock({AppendLock});";

    /// <summary>A bundle and its runs in one statement: the runs take the id the bundle was given.</summary>
    private const string InsertBundle = """
        WITH b AS (INSERT INTO audit_bundle (newest, oldest, entries) VALUES ($1, $2, $3) RETURNING id)
        INSERT INTO audit_run (chain, high, low, hash, bundle, keyed)
        SELECT r.chain, r.high, r.low, r.hash, b.id, r.keyed
        FROM b, unnest($4::text[], $5::bigint[], $6::bigint[], $7::text[], $8::bigint[]) AS r(chain, high, low, hash, keyed);
        """;

    private const string InsertRefs = "INSERT INTO audit_ref (chain, ref) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING;";

    private long _transactions;

    /// <summary>How many transactions the writer committed (tests count the group commit with it).</summary>
    internal long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>One caller's entries, answered with how many were stored.</summary>
    private sealed class Append(IReadOnlyList<AuditEntry> entries, bool redelivered)
    {
        public IReadOnlyList<AuditEntry> Entries => entries;
        public bool Redelivered => redelivered;
        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>An entry to store; not the head when another entry of its seq is stored already (it goes beside it).</summary>
    private sealed record Row(AuditEntry Entry, bool Head);

    /// <summary>Where some of a chain's entries go in a bundle (see <c>audit_run</c>).</summary>
    private sealed record ChainRun(string Chain, long High, long Low, string? Hash, long? Keyed);

    public Task<int> AppendAsync(IReadOnlyList<AuditEntry> entries, bool redelivered)
    {
        if (entries.Count == 0) return Task.FromResult(0);
        var append = new Append(entries, redelivered);
        if (!_queue.Writer.TryWrite(append)) append.Done.TrySetException(new ObjectDisposedException(nameof(PostgresAuditStore)));
        return append.Done.Task;
    }

    private async Task Run()
    {
        var batch = new List<Append>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            await Gather(batch);
            await Write(batch);
        }
    }

    /// <summary>What arrives within the window from the first append on, or until the batch is large.</summary>
    private async Task Gather(List<Append> batch)
    {
        var entries = 0;
        using var window = new CancellationTokenSource(_window > TimeSpan.Zero ? _window : Timeout.InfiniteTimeSpan);
        while (true)
        {
            while (entries < MaxBatchEntries && _queue.Reader.TryRead(out var append))
            {
                batch.Add(append);
                entries += append.Entries.Count;
            }
            if (entries >= MaxBatchEntries || _window <= TimeSpan.Zero) return;
            try
            {
                if (!await _queue.Reader.WaitToReadAsync(window.Token)) return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Should the database refuse what one append carries (text it cannot hold), each append goes
    /// again in a transaction of its own, so that one fails alone and the others are stored. Any
    /// other failure fails every caller of the batch; their outboxes deliver again.
    /// </summary>
    private async Task Write(List<Append> batch)
    {
        try
        {
            await Commit(batch);
        }
        catch (PostgresException refused) when (batch.Count > 1 && !refused.IsTransient)
        {
            foreach (var append in batch) await Write([append]);
        }
        catch (Exception error)
        {
            foreach (var append in batch) append.Done.TrySetException(error);
        }
    }

    /// <summary>
    /// One transaction, one round trip for its rows (two when it holds a redelivery, which first
    /// reads what the trail holds of its seqs): the batch's entries in bundles, each with its runs,
    /// and the refs. A redelivery skips what is stored, by then including the appends before it in
    /// the batch, as the SQLite writer applies them in order. Callers are answered once it committed.
    /// </summary>
    private async Task Commit(List<Append> batch)
    {
        await using var connection = await _database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var sql = new NpgsqlBatch(connection, transaction);
        var redelivered = batch.Where(a => a.Redelivered).SelectMany(a => a.Entries).ToList();
        var (stored, seqs) = redelivered.Count > 0 ? await Stored(connection, transaction, redelivered) : ([], []);
        if (redelivered.Count == 0) sql.BatchCommands.Add(new NpgsqlBatchCommand(TakeLock));

        var rows = new List<Row>();
        var counts = new int[batch.Count];
        for (var i = 0; i < batch.Count; i++)
            foreach (var entry in batch[i].Entries)
            {
                var added = stored.Add((entry.Chain, entry.Seq, entry.At));
                if (batch[i].Redelivered && !added) continue;
                rows.Add(new Row(entry, Head: !batch[i].Redelivered || !seqs.Contains((entry.Chain, entry.Seq))));
                seqs.Add((entry.Chain, entry.Seq));
                counts[i]++;
            }

        foreach (var bundle in Bundles(rows)) sql.BatchCommands.Add(Insert(bundle));
        var refs = rows.Where(r => r.Entry.Ref is not null).Select(r => (r.Entry.Chain, Ref: r.Entry.Ref!)).Distinct().ToList();
        if (refs.Count > 0)
        {
            var command = new NpgsqlBatchCommand(InsertRefs);
            Column(command, refs, r => r.Chain);
            Column(command, refs, r => r.Ref);
            sql.BatchCommands.Add(command);
        }
        if (sql.BatchCommands.Count > 0) await sql.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        Interlocked.Increment(ref _transactions);
        for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(counts[i]);
    }

    /// <summary>
    /// Takes the lock, then reads which of the redelivered entries' seqs the trail holds: the times
    /// stored with each, and the seqs themselves.
    /// </summary>
    private static async Task<(HashSet<(string, long, string)> Stored, HashSet<(string, long)> Seqs)> Stored(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<AuditEntry> entries)
    {
        await using (var lockCommand = new NpgsqlCommand(TakeLock, connection, transaction)) await lockCommand.ExecuteNonQueryAsync();
        var ranges = entries.GroupBy(e => e.Chain, StringComparer.Ordinal).Select(g => (Chain: g.Key, Low: g.Min(e => e.Seq), High: g.Max(e => e.Seq))).ToList();
        var bundles = new List<long>();
        await using (var command = new NpgsqlCommand("""
            SELECT DISTINCT r.bundle FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS k(chain, low, high)
            JOIN audit_run r ON r.chain = k.chain AND r.high >= k.low AND r.low <= k.high;
            """, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. ranges.Select(r => r.Chain)] });
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. ranges.Select(r => r.Low)] });
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. ranges.Select(r => r.High)] });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) bundles.Add(reader.GetInt64(0));
        }
        var chains = ranges.ToDictionary(r => r.Chain, StringComparer.Ordinal);
        var held = (await ReadBundles(connection, bundles, transaction, chains.ContainsKey)).SelectMany(b => b.Entries)
            .Where(e => chains.TryGetValue(e.Chain, out var r) && e.Seq >= r.Low && e.Seq <= r.High).ToList();
        return (held.Select(e => (e.Chain, e.Seq, e.At)).ToHashSet(), held.Select(e => (e.Chain, e.Seq)).ToHashSet());
    }

    /// <summary>The rows in order, in bundles of at most <see cref="AuditBundles.MaxBytes"/> before packing (a larger entry alone).</summary>
    private static IEnumerable<List<Row>> Bundles(List<Row> rows)
    {
        var bundle = new List<Row>();
        var bytes = 0;
        foreach (var row in rows)
        {
            var size = AuditBundles.Size(row.Entry);
            if (bundle.Count > 0 && bytes + size > AuditBundles.MaxBytes)
            {
                yield return bundle;
                (bundle, bytes) = ([], 0);
            }
            bundle.Add(row);
            bytes += size;
        }
        if (bundle.Count > 0) yield return bundle;
    }

    /// <summary>A bundle's statement: its entries packed, and for each chain a run of its heads and one for each entry beside another.</summary>
    private static NpgsqlBatchCommand Insert(List<Row> bundle)
    {
        var runs = new List<ChainRun>();
        foreach (var chain in bundle.GroupBy(r => r.Entry.Chain, StringComparer.Ordinal))
        {
            var heads = chain.Where(r => r.Head).Select(r => r.Entry).ToList();
            if (heads.Count > 0)
            {
                var newest = heads.MaxBy(e => e.Seq)!;
                runs.Add(new ChainRun(chain.Key, newest.Seq, heads.Min(e => e.Seq), newest.Hash, heads.Where(e => e.Ref is not null).Select(e => (long?)e.Seq).Max()));
            }
            runs.AddRange(chain.Where(r => !r.Head).Select(r => new ChainRun(chain.Key, r.Entry.Seq, r.Entry.Seq, null, r.Entry.Ref is null ? null : r.Entry.Seq)));
        }
        var entries = bundle.Select(r => r.Entry).ToList();
        var command = new NpgsqlBatchCommand(InsertBundle);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entries.Select(e => e.At).Max(StringComparer.Ordinal)! });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entries.Select(e => e.At).Min(StringComparer.Ordinal)! });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = AuditBundles.Pack(entries).ToArray() });
        Column(command, runs, r => r.Chain);
        Column(command, runs, r => (long?)r.High);
        Column(command, runs, r => (long?)r.Low);
        Column(command, runs, r => r.Hash);
        Column(command, runs, r => r.Keyed);
        return command;
    }
}
