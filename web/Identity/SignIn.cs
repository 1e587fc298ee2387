using Cascade.Audit;
using Cascade.Identity;
using Cascade.Time;
using Cascade.Web.Http;

namespace Cascade.Web.Identity;

/// <summary>
/// One password check, the same for scripts (<c>POST /api/v1/auth/token</c>), browsers
/// (<c>/login</c>) and the current password of a password change: the account's lockouts
/// (<see cref="SignInThrottle"/>), the password, a disabled account. Attempts on an account are
/// one audit entry each; attempts on names no account has are counted per address and minute
/// (<see cref="UnknownSignInLog"/>) and throttled in memory (<see cref="UnknownAccounts"/>).
/// </summary>
public sealed class SignIn(IGrainFactory grains, Passwords passwords, DomainClock clock, UnknownAccounts unknown, UnknownSignInLog unknownLog)
{
    public abstract record Outcome;
    public sealed record Accepted(UserRecord User) : Outcome;
    public sealed record Refused : Outcome;
    /// <summary>Locked out for <see cref="Wait"/> more.</summary>
    public sealed record Locked(TimeSpan Wait) : Outcome;

    /// <summary>Longest name a throttle keeps of what was typed.</summary>
    private const int MaxName = 64;

    /// <summary>Tries to sign in.</summary>
    public async Task<Outcome> Attempt(string username, string password, string address)
    {
        var name = UserBody.Normalize(username);
        var account = UserBody.IsValidUsername(name) ? grains.GetGrain<IUserGrain>(name) : null;
        var user = account is null ? null : await account.Get();
        if (user is null) return Unknown(name.Length > MaxName ? name[..MaxName] : name, password, address);
        var outcome = await Check(account!, user, password, address);
        var (action, details) = outcome switch
        {
            Accepted => (AuditActions.SignIn, IdentitySnapshots.SignIn(address)),
            Locked => (AuditActions.SignInFailed, IdentitySnapshots.SignInFailed(address, "locked")),
            _ => (AuditActions.SignInFailed, IdentitySnapshots.SignInFailed(address, "refused")),
        };
        await Record(user.Username, action, details);
        return outcome;
    }

    /// <summary>
    /// The current password of a signed-in person, asked before a change: counted against the
    /// same lockouts as a sign-in, so it cannot be guessed without limit, and its failures are audited.
    /// </summary>
    public async Task<Outcome> Confirm(UserRecord user, string password, string address)
    {
        var outcome = await Check(grains.GetGrain<IUserGrain>(user.Username), user, password, address);
        if (outcome is not Accepted)
            await Record(user.Username, AuditActions.SignInFailed,
                IdentitySnapshots.SignInFailed(address, outcome is Locked ? "locked" : "wrongCurrentPassword"));
        return outcome;
    }

    /// <summary>A session signed out on the server (<c>POST /logout</c>, <c>POST /api/v1/auth/logout</c>).</summary>
    public Task SignedOut(string username, string address) => Record(username, AuditActions.SignOut, IdentitySnapshots.SignOut(address));

    private Task Record(string actor, string action, string details) =>
        grains.GetGrain<IAuditChainGrain>(AuditChains.Users)
            .Append([AuditDraft.Create(AuditChains.Users, clock.Now, actor, action, null, null, null, details)], redelivered: false);

    private async Task<Outcome> Check(IUserGrain account, UserRecord user, string password, string address)
    {
        if (await account.CheckSignIn(address) is { Allowed: false, LockedUntil: { } until })
            return new Locked(until - clock.Now);
        if (!passwords.Verify(user, password, out var rehash) || user.Disabled)
            return await account.SignInFailed(address) is { Allowed: false, LockedUntil: { } lockedUntil }
                ? new Locked(lockedUntil - clock.Now) : new Refused();
        await account.SignInSucceeded(address);
        if (rehash) await account.Update(user with { PasswordHash = passwords.Hash(password) }, actor: null); // upkeep, not audited
        return new Accepted(user);
    }

    /// <summary>A name no account has: the same answers and cost as a wrong password, counted in memory.</summary>
    private Outcome Unknown(string name, string password, string address)
    {
        unknownLog.Add(address);
        var now = clock.Now;
        if (unknown.Check(name, address, now) is { Allowed: false, LockedUntil: { } until }) return new Locked(until - now);
        passwords.Verify(null, password, out _); // as long as checking a real account's password
        return unknown.Failed(name, address, now) is { Allowed: false, LockedUntil: { } lockedUntil }
            ? new Locked(lockedUntil - now) : new Refused();
    }
}
