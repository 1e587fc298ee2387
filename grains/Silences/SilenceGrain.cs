using Cascade.Audit;
using Cascade.History;
using Cascade.Storage;
using Microsoft.Extensions.Options;

namespace Cascade.Silences;

/// <summary>
/// The silence registry (<see cref="ISilenceGrain"/>): one small state through the default storage,
/// so it is the same on SQLite and Azure Tables. Each change and its audit draft are one write; the
/// draft then goes to the users chain (the outbox delivers it again after a crash).
/// </summary>
public sealed class SilenceGrain(
    [PersistentState("silences", StorageNames.Default)] IPersistentState<SilenceState> state,
    IOptions<HistoryOptions> history) : Grain, ISilenceGrain
{
    private AuditOutbox<AuditDraft>? _audit;
    private AuditOutbox<AuditDraft> Audit => _audit ??= UsersAuditOutbox.Create(GrainFactory, () => state.State.Audit, list => state.State.Audit = list);

    /// <summary>How long an ended silence is kept: 400 days, or the history's keep when shorter.</summary>
    private TimeSpan Keep => TimeSpan.FromDays(Math.Min(history.Value.Keep, SilenceRules.DefaultKeep.TotalDays));

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Audit.Count > 0) Audit.Send(); // drafts stored by an earlier activation, maybe not delivered
        return Task.CompletedTask;
    }

    public async Task<Result<Silence>> Create(Silence silence)
    {
        if (state.State.Silences.Find(s => s.Id == silence.Id) is { } stored)
            return stored.SameRequest(silence) ? Result<Silence>.Ok(stored)
                : Result<Silence>.Conflict($"Silence '{silence.Id}' exists with other values.");
        Forget(silence.CreatedAt);
        state.State.Silences.Add(silence);
        Record(silence.CreatedBy, silence.CreatedAt, AuditActions.SilenceCreate, silence.UnitId, null, silence);
        await Write();
        return Result<Silence>.Created(silence);
    }

    public async Task<Result<Silence>> End(string id, string actor, DateTimeOffset now)
    {
        var index = state.State.Silences.FindIndex(s => s.Id == id);
        if (index < 0) return Result<Silence>.NotFound($"Silence '{id}' does not exist.");
        var before = state.State.Silences[index];
        if (before.End <= now) return Result<Silence>.Ok(before); // over already: nothing changes
        var after = before with { EndedAt = now, EndedBy = actor };
        state.State.Silences[index] = after;
        Record(actor, now, AuditActions.SilenceEnd, before.UnitId, before, after);
        await Write();
        return Result<Silence>.Ok(after);
    }

    public Task<Silence?> Get(string id) => Task.FromResult(state.State.Silences.Find(s => s.Id == id));

    public Task<SilenceList?> ListSince(long knownVersion) =>
        Task.FromResult(knownVersion == state.State.Version ? null
            : new SilenceList(state.State.Version, [.. state.State.Silences]));

    /// <summary>Drops the silences that ended longer ago than the registry keeps them.</summary>
    private void Forget(DateTimeOffset now)
    {
        var horizon = now - Keep;
        state.State.Silences.RemoveAll(s => s.End < horizon);
    }

    private void Record(string actor, DateTimeOffset at, string action, string unitId, Silence? before, Silence? after) =>
        Audit.Add(AuditDraft.Create(AuditChains.Users, at, actor, action, unitId, null,
            before is null ? null : SilenceSnapshots.Silence(before), after is null ? null : SilenceSnapshots.Silence(after)));

    private async Task Write()
    {
        state.State.Version++;
        try { await state.WriteStateAsync(); }
        catch
        {
            // Not stored: nothing was answered as done, and the next activation reads what is.
            DeactivateOnIdle();
            throw;
        }
        await Audit.Flush();
    }
}
