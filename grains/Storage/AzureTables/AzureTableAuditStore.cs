using System.Collections.Concurrent;
using Azure.Data.Tables;
using Cascade.Audit;
using static Cascade.Storage.AzureTables.AuditEntities;
using Run = Cascade.Storage.AzureTables.AuditEntities.Run;

namespace Cascade.Storage.AzureTables;

/// <summary>
/// The audit trail in Azure Tables (layout: <see cref="AuditEntities"/>), with the guarantees of
/// the SQLite store (<c>SqliteAuditStore</c>), at about one storage request and one row per many appends:
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
public sealed partial class AzureTableAuditStore(AzureTables tables) : IAuditStore
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
}
