using Cascade.Audit;

namespace Cascade.Units;

/// <summary>
/// A unit's durable side: its state's writes and its audit chain (decision 006, docs/architecture.md
/// "The audit trail"): each accepted change links the chain's next entry, which is stored with the
/// state's next write and then delivered to the audit store in the background.
/// </summary>
public sealed class UnitStore(IPersistentState<UnitState> state, AuditKey key, IAuditStore store)
{
    private AuditOutbox<AuditEntry>? _outbox;

    /// <summary>Delivers this unit's audit entries straight to the store: the unit is its chain's only writer.</summary>
    private AuditOutbox<AuditEntry> Outbox => _outbox ??= new(() => state.State.Audit, list => state.State.Audit = list, e => e.Seq.ToString(),
        async (entries, redelivered) => await store.AppendAsync(entries, redelivered));

    /// <summary>At activation: entries stored by an earlier activation, maybe not delivered, go now.</summary>
    public void Redeliver()
    {
        if (state.State.Audit.Count > 0) Outbox.Send();
    }

    /// <summary>Records an accepted change as the next entry of the unit's chain, stored with the next write.</summary>
    public void Record(string unitId, AuditStamp stamp, string action, string? taskId, string? before, string? after)
    {
        var draft = new AuditDraft(null, AuditChains.ForUnit(unitId), stamp.At, stamp.Actor, action, unitId, taskId, before, after);
        var entry = (state.State.AuditHead ?? AuditChainHead.Empty).Link(draft, key);
        state.State.AuditHead = AuditChainHead.Of(entry);
        Outbox.Add(entry);
    }

    /// <summary>
    /// Writes the state with the summary version reached (<paramref name="version"/>, decision 009),
    /// then delivers the audit entries it carries. A write can land while its answer is lost (Azure
    /// Table Storage under load: the SDK's network timeout, then its retry of the same insert or
    /// conditional update, which then conflicts with the write itself). A conflict is therefore
    /// checked against what storage holds: if that is this very write, it succeeded; anything else
    /// is a real conflict and fails.
    /// </summary>
    public async Task Write(long version)
    {
        var written = state.State;
        written.WriteId = Guid.NewGuid();
        written.HighWater = Math.Max(written.HighWater, version);
        try
        {
            await state.WriteStateAsync();
        }
        catch (Orleans.Storage.InconsistentStateException)
        {
            await state.ReadStateAsync();
            if (state.State.WriteId != written.WriteId) throw;
            state.State = written; // equal to what is stored (now with its ETag), and the objects this activation holds
        }
        Outbox.Send();
    }

    /// <summary>A deleted unit waits for its last entries' delivery: nothing would activate it to deliver later.</summary>
    public Task Delivered() => Outbox.Flush();
}
