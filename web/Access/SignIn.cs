using Cascade.Audit;
using Cascade.Identity;
using Cascade.Time;
using Cascade.Web.Api;

namespace Cascade.Web.Access;

/// <summary>
/// One sign-in attempt, the same for scripts (<c>POST /api/v1/auth/token</c>) and browsers
/// (<c>/login</c>): the (account, address) lockout, the password, a disabled account.
/// </summary>
public sealed class SignIn(IGrainFactory grains, Passwords passwords, DomainClock clock)
{
    public abstract record Outcome;
    public sealed record Accepted(UserRecord User) : Outcome;
    public sealed record Refused : Outcome;
    /// <summary>Locked out for <see cref="Wait"/> more.</summary>
    public sealed record Locked(TimeSpan Wait) : Outcome;

    /// <summary>The <c>Retry-After</c> header, in whole seconds, never 0.</summary>
    public static void SetRetryAfter(HttpResponse response, TimeSpan wait) =>
        response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Longest actor a failed sign-in records of the name that was typed.</summary>
    private const int MaxRecordedName = 64;

    /// <summary>Tries to sign in; every attempt, accepted or not, is one entry in the users chain of the audit trail.</summary>
    public async Task<Outcome> Attempt(string username, string password, string address)
    {
        var outcome = await Check(username, password, address);
        var name = UserBody.Normalize(username);
        var actor = name.Length > MaxRecordedName ? name[..MaxRecordedName] : name;
        var (action, details) = outcome switch
        {
            Accepted => (AuditActions.SignIn, AuditSnapshots.SignIn(address)),
            Locked => (AuditActions.SignInFailed, AuditSnapshots.SignInFailed(address, "locked")),
            _ => (AuditActions.SignInFailed, AuditSnapshots.SignInFailed(address, "refused")),
        };
        var draft = AuditDraft.Create(AuditChains.Users, clock.Now, actor, action, null, null, null, details);
        await grains.GetGrain<IAuditChainGrain>(AuditChains.Users).Append([draft], redelivered: false);
        return outcome;
    }

    private async Task<Outcome> Check(string username, string password, string address)
    {
        var name = UserBody.Normalize(username);
        var account = UserBody.IsValidUsername(name) ? grains.GetGrain<IUserGrain>(name) : null;
        if (account is not null && await account.CheckSignIn(address) is { Allowed: false, LockedUntil: { } until })
            return new Locked(until - clock.Now);

        var user = account is null ? null : await account.Get();
        if (!passwords.Verify(user, password, out var rehash) || user!.Disabled)
        {
            if (account is not null && await account.SignInFailed(address) is { Allowed: false, LockedUntil: { } lockedUntil })
                return new Locked(lockedUntil - clock.Now);
            return new Refused();
        }
        await account!.SignInSucceeded(address);
        if (rehash) await account.Update(user with { PasswordHash = passwords.Hash(password) }, actor: null); // upkeep, not audited
        return new Accepted(user);
    }
}
