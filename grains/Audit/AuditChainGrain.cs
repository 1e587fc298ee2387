namespace Cascade.Audit;

/// <summary>
/// The writer of the users chain, which has many sources (every user and kiosk grain, every
/// sign-in). It holds only the chain's head in memory, read from the store on activation: the
/// store is the truth, so nothing here can disagree with it. (A unit's chain has one source,
/// the unit grain, which keeps the head in its own state instead.)
/// </summary>
public sealed class AuditChainGrain(IAuditStore store) : Grain, IAuditChainGrain
{
    private const int RecentRefs = 4096;
    private readonly HashSet<string> _recent = new(StringComparer.Ordinal);
    private readonly Queue<string> _recentOrder = new();
    private AuditChainHead _head = AuditChainHead.Empty;

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
        var entries = new List<AuditEntry>(fresh.Count);
        var head = _head;
        foreach (var draft in fresh)
        {
            var entry = head.Link(draft);
            entries.Add(entry);
            head = AuditChainHead.Of(entry);
        }
        if (await store.AppendAsync(entries, redelivered: false) != entries.Count)
        {
            // Not all were stored: start again from what the store really holds.
            DeactivateOnIdle();
            throw new InvalidOperationException($"Audit chain '{Chain}' moved under this writer; the drafts will be delivered again.");
        }
        _head = head;
        foreach (var draft in fresh) Remember(draft.Ref!);
    }

    private void Remember(string reference)
    {
        if (!_recent.Add(reference)) return;
        _recentOrder.Enqueue(reference);
        if (_recentOrder.Count > RecentRefs) _recent.Remove(_recentOrder.Dequeue());
    }
}
