using Azure.Data.Tables;
using Cascade.Audit;
using static Cascade.Storage.AzureTables.AuditEntities;
using Run = Cascade.Storage.AzureTables.AuditEntities.Run;

namespace Cascade.Storage.AzureTables;

/// <summary>What one append hands in, the entity group transaction being filled, and the writer that group-commits a shard's appends.</summary>
public sealed partial class AzureTableAuditStore
{
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
