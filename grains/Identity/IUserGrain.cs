namespace Cascade.Identity;

/// <summary>
/// One user, keyed by the lower-case username. It also counts failed sign-ins per client
/// address (api.md: 5 failures for one account and address lock that pair for 15 minutes),
/// in memory: a restart forgets them, which only ever lets a locked pair in sooner.
/// </summary>
public interface IUserGrain : IGrainWithStringKey
{
    Task<UserRecord?> Get();
    /// <summary>Stores a new user; false when the username is taken.</summary>
    Task<bool> Create(UserRecord user);
    /// <summary>Replaces the stored user (same username); false when there is none.</summary>
    Task<bool> Update(UserRecord user);

    Task<SignInCheck> CheckSignIn(string address);
    /// <summary>Counts a failure for the address; answers whether that pair is now locked.</summary>
    Task<SignInCheck> SignInFailed(string address);
    Task SignInSucceeded(string address);
}
