using System.Globalization;
using System.Security.Claims;
using Cascade.Identity;
using Microsoft.AspNetCore.Authentication;

namespace Cascade.Web.Access;

/// <summary>
/// Runs right after authentication, on every request that carries a valid token or cookie:
/// the user must still exist, be enabled and carry the stamp the credential was issued
/// under. Otherwise the credential counts as failed (401), so disabling a user or changing
/// their role, unit or password ends every token and session they hold at their next
/// request. The principal is rebuilt from the stored user, so the stored role and unit count,
/// not a credential's copy.
/// </summary>
public sealed class CurrentUserCheck(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IGrainFactory grains)
    {
        var principal = context.User;
        if (principal.Identity?.IsAuthenticated == true)
        {
            var user = await grains.GetGrain<IUserGrain>(principal.Username()!).Get();
            var feature = context.Features.Get<IAuthenticateResultFeature>();
            if (user is null || user.Disabled || principal.FindFirstValue(CascadeClaims.Stamp) != user.Stamp.ToString(CultureInfo.InvariantCulture))
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
                if (feature is not null) feature.AuthenticateResult = AuthenticateResult.Fail("The account was disabled or changed since this credential was issued.");
            }
            else
            {
                var scheme = principal.Identity.AuthenticationType!;
                context.User = CascadeClaims.For(user, scheme);
                if (feature?.AuthenticateResult?.Ticket is { } ticket)
                    feature.AuthenticateResult = AuthenticateResult.Success(new AuthenticationTicket(context.User, ticket.Properties, ticket.AuthenticationScheme));
            }
        }
        await next(context);
    }
}
