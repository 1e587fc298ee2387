using Orleans.Concurrency;

namespace Cascade.Audit;

/// <summary>
/// The writer of the users chain, which has many sources (every user and kiosk grain, every
/// sign-in). It holds only the chain's head in memory, read from the store on activation: the
/// store is the truth, so nothing here can disagree with it. (A unit's chain has one source,
/// the unit grain, which keeps the head in its own state instead.)
/// <para>
/// Calls interleave and one loop writes: the drafts that arrive while a write is under way
/// (a sign-in storm, or the store's group-commit window) are linked and appended together in
/// the next one, in arrival order, so the chain's rate does not depend on the store's latency.
/// After a failed write the activation stops taking drafts and goes: what the store holds is
/// read again by the next one, and the senders deliver their drafts again.
/// </para>
/// </summary>
[Reentrant]
public sealed class AuditChainGrain(IAuditStore store, AuditKey key) : Grain, IAuditChainGrain
{
    private const int RecentRefs = 4096;
    private readonly HashSet<string> _recent = new(StringComparer.Ordinal);
    private readonly Queue<string> _recentOrder = new();
    private readonly List<(List<AuditDraft> Drafts, TaskCompletionSource Done)> _waiting = [];
    private Task _writing = Task.CompletedTask;
    private AuditChainHead _head = AuditChainHead.Empty;
    private Exception? _broken;

    private string Chain => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await store.GetHeadAsync(Chain) is { } head) _head = AuditChainHead.Of(head);
    }

    public async Task Append(IReadOnlyList<AuditDraft> drafts, bool redelivered)
    {
        var fresh = drafts.Where(d => d.Chain == Chain && d.Ref is not null && !_recent.Contains(d.Ref)).ToList();
        if (redelivered && fresh.Count > 0)
        {
            var known = await store.FindRefsAsync(Chain, fresh.Select(d => d.Ref!).ToList());
            fresh.RemoveAll(d => known.Contains(d.Ref!));
        }
        if (fresh.Count == 0) return;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting.Add((fresh, done));
        if (_writing.IsCompleted) _writing = Write();
        await done.Task;
    }

    /// <summary>Runs on the grain's scheduler, so it and the calls never run at once.</summary>
    private async Task Write()
    {
        while (_waiting.Count > 0)
        {
            var batch = _waiting.ToList();
            _waiting.Clear();
            try
            {
                if (_broken is not null) throw _broken;
                var entries = new List<AuditEntry>();
                var linked = new HashSet<string>(StringComparer.Ordinal);
                var head = _head;
                foreach (var draft in batch.SelectMany(b => b.Drafts))
                {
                    // Stored meanwhile, or twice in this batch (a redelivery racing its first delivery).
                    if (_recent.Contains(draft.Ref!) || !linked.Add(draft.Ref!)) continue;
                    var entry = head.Link(draft, key);
                    entries.Add(entry);
                    head = AuditChainHead.Of(entry);
                }
                if (entries.Count > 0 && await store.AppendAsync(entries, redelivered: false) != entries.Count)
                    throw new InvalidOperationException($"Audit chain '{Chain}' moved under this writer; the drafts will be delivered again.");
                _head = head;
                foreach (var reference in linked) Remember(reference);
                foreach (var (_, done) in batch) done.TrySetResult();
            }
            catch (Exception error)
            {
                // Not all were stored, or not known to be: start again from what the store really holds.
                _broken ??= error;
                DeactivateOnIdle();
                foreach (var (_, done) in batch) done.TrySetException(error);
            }
        }
    }

    private void Remember(string reference)
    {
        if (!_recent.Add(reference)) return;
        _recentOrder.Enqueue(reference);
        if (_recentOrder.Count > RecentRefs) _recent.Remove(_recentOrder.Dequeue());
    }
}
