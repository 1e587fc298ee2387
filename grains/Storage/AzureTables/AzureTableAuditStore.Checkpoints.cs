using Azure.Data.Tables;
using Cascade.Audit;
using static Cascade.Storage.AzureTables.AuditEntities;

namespace Cascade.Storage.AzureTables;

/// <summary>The checkpoint pass (index rows and checkpoints from the transaction rows, then their deletion), the seals, and the checkpoints <c>verify</c> reads.</summary>
public sealed partial class AzureTableAuditStore
{
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
}
