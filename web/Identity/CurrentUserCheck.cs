using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Cascade.Web.Identity;

/// <summary>
/// Runs right after authentication, on every request that carries a valid token, cookie or
/// kiosk token: <see cref="Credentials"/> must still accept it, or the credential counts as
/// failed (401). So disabling a user or changing their role, unit or password ends every
/// token and session they hold at their next request, and a revoked kiosk opens nothing. The
/// principal is rebuilt from what is stored, so the stored role and unit count, not a
/// credential's copy.
/// </summary>
public sealed class CurrentUserCheck(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, Credentials credentials)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            var feature = context.Features.Get<IAuthenticateResultFeature>();
            if (await credentials.Current(context.User) is { } current)
            {
                context.User = current;
                if (feature?.AuthenticateResult?.Ticket is { } ticket)
                    feature.AuthenticateResult = AuthenticateResult.Success(new AuthenticationTicket(current, ticket.Properties, ticket.AuthenticationScheme));
            }
            else
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
                if (feature is not null) feature.AuthenticateResult = AuthenticateResult.Fail("The account or kiosk was disabled, revoked or changed since this credential was issued.");
            }
        }
        await next(context);
    }
}
