namespace Cascade.Identity;

/// <summary>One kiosk, keyed by its id (the part of its token before the dot).</summary>
public interface IKioskGrain : IGrainWithStringKey
{
    Task<KioskRecord?> Get();
    /// <summary>Stores a new kiosk; false when the id is taken.</summary>
    Task<bool> Create(KioskRecord kiosk);
    /// <summary>The kiosk when <paramref name="tokenHash"/> is its token's hash, else null; notes when it was last seen.</summary>
    Task<KioskRecord?> Verify(string tokenHash, DateTimeOffset now);
    /// <summary>Deletes the kiosk; false when there is none.</summary>
    Task<bool> Revoke();
}
