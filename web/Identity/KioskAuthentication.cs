using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Cascade.Web.Identity;

/// <summary>Signs a wall in from <c>?kiosk=&lt;token&gt;</c> (docs/api.md: the hub accepts kiosk tokens so).</summary>
public sealed class KioskAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, Kiosks kiosks)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Kiosk";
    public const string QueryName = "kiosk";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Query.TryGetValue(QueryName, out var given)) return AuthenticateResult.NoResult();
        if (given.Count != 1 || await kiosks.Verify(given[0]!) is not { } kiosk) return AuthenticateResult.Fail("Unknown or revoked kiosk token.");
        return AuthenticateResult.Success(new AuthenticationTicket(Kiosks.Principal(kiosk, SchemeName), SchemeName));
    }
}
