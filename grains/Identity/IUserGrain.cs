namespace Cascade.Identity;

/// <summary>
/// One user, keyed by the lower-case username. It also counts failed sign-ins per client
/// address (api.md: 5 failures for one account and address lock that pair for 15 minutes),
/// in memory: a restart forgets them, which only ever lets a locked pair in sooner.
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

    Task<SignInCheck> CheckSignIn(string address);
    /// <summary>Counts a failure for the address; answers whether that pair is now locked.</summary>
    Task<SignInCheck> SignInFailed(string address);
    Task SignInSucceeded(string address);
}
