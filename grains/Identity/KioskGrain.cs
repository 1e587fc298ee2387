using System.Security.Cryptography;
using System.Text;
using Cascade.Audit;
using Cascade.Storage;
using Cascade.Time;

namespace Cascade.Identity;

public sealed class KioskGrain(
    [PersistentState("kiosk", StorageNames.Default)] IPersistentState<KioskState> state,
    DomainClock clock) : Grain, IKioskGrain
{
    /// <summary>How stale a stored "last seen" may get before a check writes a new one.</summary>
    private static readonly TimeSpan SeenResolution = TimeSpan.FromMinutes(1);

    private AuditOutbox<AuditDraft>? _audit;

    private INameIndexGrain Index => GrainFactory.GetGrain<INameIndexGrain>(INameIndexGrain.Kiosks);
    private AuditOutbox<AuditDraft> Audit => _audit ??= UsersAuditOutbox.Create(GrainFactory, () => state.State.Audit, list => state.State.Audit = list);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Audit.Count > 0) Audit.Send(); // drafts stored by an earlier activation, maybe not delivered
        return Task.CompletedTask;
    }

    public Task<KioskRecord?> Get() => Task.FromResult(state.State.Kiosk);

    public async Task<bool> Create(KioskRecord kiosk, string actor)
    {
        if (state.State.Kiosk is not null) return false;
        state.State.Kiosk = kiosk;
        Record(actor, AuditActions.KioskCreate, null, kiosk);
        await state.WriteStateAsync();
        await Index.Add(kiosk.Id);
        await Audit.Flush();
        return true;
    }

    public async Task<KioskRecord?> Verify(string tokenHash, DateTimeOffset now)
    {
        if (state.State.Kiosk is not { } kiosk) return null;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(kiosk.TokenHash), Encoding.ASCII.GetBytes(tokenHash))) return null;
        if (kiosk.LastSeenAt is not { } seen || now - seen >= SeenResolution)
        {
            state.State.Kiosk = kiosk = kiosk with { LastSeenAt = now };
            await state.WriteStateAsync();
        }
        return kiosk;
    }

    public async Task<bool> Revoke(string actor)
    {
        if (state.State.Kiosk is not { } kiosk) return false;
        // Kept without the kiosk rather than cleared: the revocation's audit draft is stored with it.
        state.State.Kiosk = null;
        Record(actor, AuditActions.KioskRevoke, kiosk, null);
        await state.WriteStateAsync();
        await Index.Remove(kiosk.Id);
        await Audit.Flush();
        return true;
    }

    private void Record(string actor, string action, KioskRecord? before, KioskRecord? after) =>
        Audit.Add(AuditDraft.Create(AuditChains.Users, clock.Now, actor, action, null, null,
            before is null ? null : IdentitySnapshots.Kiosk(before), after is null ? null : IdentitySnapshots.Kiosk(after)));
}
