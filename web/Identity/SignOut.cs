using Cascade.Identity;
using Cascade.Time;
using Cascade.Web.Http;
using Microsoft.Extensions.Options;

namespace Cascade.Web.Identity;

/// <summary>
/// Ends the caller's session on the server, so a copy of its cookie or token is refused from
/// then on (<see cref="Credentials"/> asks the user grain on every request). The session is
/// remembered only as long as its credential could still be used: a refused cookie is never
/// renewed, so it dies within the idle timeout, and a token within its lifetime.
/// </summary>
public sealed class SignOut(IGrainFactory grains, Credentials credentials, SignIn signIn, DomainClock clock, IOptions<SignInOptions> options)
{
    /// <summary>False when the caller has no session to end (not signed in, a kiosk, a credential older than sessions).</summary>
    public async Task<bool> EndAsync(HttpContext context)
    {
        if (context.User.Username() is not { } username || context.User.SessionId() is not { } session) return false;
        var limits = options.Value;
        var until = clock.Now + (limits.IdleTimeout > limits.TokenLifetime ? limits.IdleTimeout : limits.TokenLifetime);
        await grains.GetGrain<IUserGrain>(username).EndSession(session, until);
        credentials.Forget(username);
        await signIn.SignedOut(username, ClientAddress.Of(context));
        return true;
    }
}
