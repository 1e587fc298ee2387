namespace Cascade.Identity;

/// <summary>
/// One user, keyed by the lower-case username. It also keeps the account's sign-in protection
/// (<see cref="SignInThrottle"/>: its lockouts are stored, so a restart keeps them) and the
/// sessions signed out on the server.
/// </summary>
public interface IUserGrain : IGrainWithStringKey
{
    Task<UserRecord?> Get();
    /// <summary>Stores a new user; false when the username is taken. Audited as done by <paramref name="actor"/>.</summary>
    Task<bool> Create(UserRecord user, string actor);
    /// <summary>
    /// Replaces the stored user (same username); false when there is none. A null
    /// <paramref name="actor"/> marks upkeep nobody asked for (a password hash upgraded at
    /// sign-in), which is not audited.
    /// </summary>
    Task<bool> Update(UserRecord user, string? actor);

    /// <summary>The user while <paramref name="session"/> (a credential's session id; null for credentials made before sessions) has not been signed out.</summary>
    Task<UserRecord?> GetSession(string? session);
    /// <summary>Signs a session out: refused until <paramref name="until"/>, when its credential runs out anyway.</summary>
    Task EndSession(string session, DateTimeOffset until);

    Task<SignInCheck> CheckSignIn(string address);
    /// <summary>Counts a failure for the address; answers whether that pair is now locked.</summary>
    Task<SignInCheck> SignInFailed(string address);
    Task SignInSucceeded(string address);
}
