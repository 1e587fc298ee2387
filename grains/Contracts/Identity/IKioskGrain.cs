namespace Cascade.Identity;

/// <summary>One kiosk, keyed by its id (the part of its token before the dot).</summary>
public interface IKioskGrain : IGrainWithStringKey
{
    Task<KioskRecord?> Get();
    /// <summary>Stores a new kiosk; false when the id is taken. Audited as done by <paramref name="actor"/>.</summary>
    Task<bool> Create(KioskRecord kiosk, string actor);
    /// <summary>The kiosk when <paramref name="tokenHash"/> is its token's hash, else null; notes when it was last seen.</summary>
    Task<KioskRecord?> Verify(string tokenHash, DateTimeOffset now);
    /// <summary>Deletes the kiosk; false when there is none.</summary>
    Task<bool> Revoke(string actor);
}
