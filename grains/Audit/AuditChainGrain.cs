using Cascade.Time;
using Microsoft.Extensions.Options;

namespace Cascade.Audit;

/// <summary>
/// Holds only the chain's head in memory, read from the store on activation: the store is the
/// truth, so nothing here can disagree with it. Writes a checkpoint of the head at most once
/// per <see cref="AuditOptions.CheckpointEvery"/> after an append, and when it deactivates.
/// </summary>
public sealed class AuditChainGrain(IAuditStore store, IOptions<AuditOptions> options, DomainClock clock) : Grain, IAuditChainGrain
{
    private const int RecentRefs = 4096;
    private readonly HashSet<string> _recent = new(StringComparer.Ordinal);
    private readonly Queue<string> _recentOrder = new();
    private long _seq;
    private string _hash = AuditEntry.Genesis;
    private long _checkpointed;
    private IGrainTimer? _checkpoint;

    private string Chain => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await store.GetHeadAsync(Chain) is { } head)
        {
            _seq = head.Seq;
            _hash = head.Hash;
        }
        _checkpointed = _seq; // a checkpoint is only owed for what this activation appends
    }

    public async Task Append(IReadOnlyList<AuditDraft> drafts, bool redelivered)
    {
        var fresh = drafts.Where(d => d.Chain == Chain && !_recent.Contains(d.Ref)).ToList();
        if (redelivered && fresh.Count > 0)
        {
            var known = await store.FindRefsAsync(Chain, fresh.Select(d => d.Ref).ToList());
            fresh.RemoveAll(d => known.Contains(d.Ref));
        }
        if (fresh.Count == 0) return;
        var entries = new List<AuditEntry>(fresh.Count);
        var (seq, hash) = (_seq, _hash);
        foreach (var draft in fresh)
        {
            var entry = AuditEntry.Link(draft, ++seq, hash);
            entries.Add(entry);
            hash = entry.Hash;
        }
        try
        {
            await store.AppendAsync(entries);
        }
        catch
        {
            DeactivateOnIdle(); // the next activation reads the head the store really has
            throw;
        }
        (_seq, _hash) = (seq, hash);
        foreach (var draft in fresh) Remember(draft.Ref);
        _checkpoint ??= this.RegisterGrainTimer(WriteCheckpoint,
            new GrainTimerCreationOptions(options.Value.CheckpointEvery, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private void Remember(string reference)
    {
        if (!_recent.Add(reference)) return;
        _recentOrder.Enqueue(reference);
        if (_recentOrder.Count > RecentRefs) _recent.Remove(_recentOrder.Dequeue());
    }

    private async Task WriteCheckpoint()
    {
        _checkpoint?.Dispose();
        _checkpoint = null;
        if (_seq == _checkpointed) return;
        var seq = _seq;
        await store.WriteCheckpointAsync(new AuditCheckpoint(Chain, seq, _hash, AuditEntry.FormatTime(clock.Now)));
        _checkpointed = seq;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => WriteCheckpoint();
}
