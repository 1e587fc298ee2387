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
    /// Every node's writer holds it from its first row to its commit, so ids become visible in
    /// their order and the checkpoint pass never passes over a row committed late.
    /// </summary>
    internal const long AppendLock = 0x43617363616465 + 1;

    private const string Arrays = "$1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[]";
    private const string Insert = $"INSERT INTO audit ({Columns}) SELECT * FROM unnest({Arrays});";
    private const string InsertMissing = $"""
        INSERT INTO audit ({Columns})
        SELECT n.* FROM unnest({Arrays}) AS n({Columns})
        WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.chain = n.chain AND a.seq = n.seq AND a.at = n.at);
        """;

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
    /// One transaction, one round trip for its rows: consecutive plain appends in one insert, each
    /// redelivery in its own that skips what is stored (by then including the inserts before it,
    /// as the SQLite writer applies them in order). Callers are answered once it committed.
    /// </summary>
    private async Task Commit(List<Append> batch)
    {
        var inserts = new List<(NpgsqlBatchCommand Command, List<Append> Appends)>();
        await using var connection = await _database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var sql = new NpgsqlBatch(connection, transaction);
        sql.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({AppendLock});"));
        for (var i = 0; i < batch.Count; i++)
        {
            var appends = new List<Append> { batch[i] };
            while (!batch[i].Redelivered && i + 1 < batch.Count && !batch[i + 1].Redelivered) appends.Add(batch[++i]);
            var entries = batch[i].Redelivered
                ? batch[i].Entries.DistinctBy(e => (e.Chain, e.Seq, e.At)).ToList()
                : appends.SelectMany(a => a.Entries).ToList();
            var command = Rows(batch[i].Redelivered ? InsertMissing : Insert, entries);
            sql.BatchCommands.Add(command);
            inserts.Add((command, appends));
        }
        await sql.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        Interlocked.Increment(ref _transactions);
        foreach (var (command, appends) in inserts)
            foreach (var append in appends)
                append.Done.TrySetResult(append.Redelivered ? command.RecordsAffected : append.Entries.Count);
    }

    /// <summary>The entries as one array per column, for unnest.</summary>
    private static NpgsqlBatchCommand Rows(string sql, List<AuditEntry> entries)
    {
        var command = new NpgsqlBatchCommand(sql);
        Column(command, entries, e => e.Chain);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = entries.Select(e => e.Seq).ToArray() });
        Column(command, entries, e => e.At);
        Column(command, entries, e => e.Actor);
        Column(command, entries, e => e.Action);
        Column(command, entries, e => e.UnitId);
        Column(command, entries, e => e.TaskId);
        Column(command, entries, e => e.Before);
        Column(command, entries, e => e.After);
        Column(command, entries, e => e.PrevHash);
        Column(command, entries, e => e.Hash);
        Column(command, entries, e => e.Ref);
        return command;
    }
}
