using Cascade.Identity;
using Cascade.Web.Api;

namespace Cascade.Web.Access;

/// <summary>
/// One sign-in attempt, the same for scripts (<c>POST /api/v1/auth/token</c>) and browsers
/// (<c>/login</c>): the (account, address) lockout, the password, a disabled account.
/// </summary>
public sealed class SignIn(IGrainFactory grains, Passwords passwords)
{
    public abstract record Outcome;
    public sealed record Accepted(UserRecord User) : Outcome;
    public sealed record Refused : Outcome;
    public sealed record Locked(DateTimeOffset Until) : Outcome;

    public async Task<Outcome> Attempt(string username, string password, string address)
    {
        var name = UserBody.Normalize(username);
        var account = UserBody.IsValidUsername(name) ? grains.GetGrain<IUserGrain>(name) : null;
        if (account is not null && await account.CheckSignIn(address) is { Allowed: false, LockedUntil: { } until })
            return new Locked(until);

        var user = account is null ? null : await account.Get();
        if (!passwords.Verify(user, password, out var rehash) || user!.Disabled)
        {
            if (account is not null && await account.SignInFailed(address) is { Allowed: false, LockedUntil: { } lockedUntil })
                return new Locked(lockedUntil);
            return new Refused();
        }
        await account!.SignInSucceeded(address);
        if (rehash) await account.Update(user with { PasswordHash = passwords.Hash(password) });
        return new Accepted(user);
    }
}
