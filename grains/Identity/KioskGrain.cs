using System.Security.Cryptography;
using System.Text;
using Cascade.Hosting;

namespace Cascade.Identity;

public sealed class KioskGrain([PersistentState("kiosk", StorageNames.Default)] IPersistentState<KioskState> state) : Grain, IKioskGrain
{
    /// <summary>How stale a stored "last seen" may get before a check writes a new one.</summary>
    private static readonly TimeSpan SeenResolution = TimeSpan.FromMinutes(1);

    private INameIndexGrain Index => GrainFactory.GetGrain<INameIndexGrain>(INameIndexGrain.Kiosks);

    public Task<KioskRecord?> Get() => Task.FromResult(state.State.Kiosk);

    public async Task<bool> Create(KioskRecord kiosk)
    {
        if (state.State.Kiosk is not null) return false;
        state.State.Kiosk = kiosk;
        await state.WriteStateAsync();
        await Index.Add(kiosk.Id);
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

    public async Task<bool> Revoke()
    {
        if (state.State.Kiosk is not { } kiosk) return false;
        await state.ClearStateAsync();
        state.State.Kiosk = null;
        await Index.Remove(kiosk.Id);
        return true;
    }
}
