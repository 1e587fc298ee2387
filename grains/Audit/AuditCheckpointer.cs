namespace Cascade.Audit;

/// <summary>
/// Checkpoints a chain's delivered head at most once per <c>every</c> (real time), so that
/// <c>verify</c> can tell when entries were deleted from the chain's end. Only what the store
/// already holds is checkpointed, never a head still on its way.
/// </summary>
public sealed class AuditCheckpointer(IAuditStore store, string chain, TimeSpan every, Func<DateTimeOffset> now)
{
    private AuditChainHead? _delivered;
    private long _checkpointed;
    private long _lastAt = long.MinValue / 2;

    /// <summary>True while a delivered head has no checkpoint yet.</summary>
    public bool Owed => _delivered is { } head && head.Seq > _checkpointed;

    public void Delivered(AuditEntry newest)
    {
        if (_delivered is null || newest.Seq > _delivered.Seq) _delivered = AuditChainHead.Of(newest);
    }

    /// <summary>Writes the checkpoint when one is owed and <c>every</c> has passed since the last (or always, when <paramref name="force"/>).</summary>
    public async Task Maybe(bool force = false)
    {
        if (!Owed || !force && Environment.TickCount64 - _lastAt < (long)every.TotalMilliseconds) return;
        var head = _delivered!;
        _lastAt = Environment.TickCount64;
        await store.WriteCheckpointAsync(new AuditCheckpoint(chain, head.Seq, head.Hash, AuditEntry.FormatTime(now())));
        _checkpointed = Math.Max(_checkpointed, head.Seq);
    }
}
