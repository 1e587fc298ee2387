using System.Threading.RateLimiting;
using Cascade.Identity;
using Cascade.Web.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;

namespace Cascade.Web.Identity;

/// <summary>
/// Sign-in and access (docs/api.md "Identity and access"): bearer tokens and kiosk tokens, every
/// route signed-in unless it says otherwise, writes decided by <see cref="UnitAccess"/>, user routes for
/// admins, and a per-address limit on sign-in attempts.
/// </summary>
public static class AccessExtensions
{
    public const string AdminOnly = "admin";
    /// <summary>Admins and leaders: who reads the audit trail.</summary>
    public const string Overseers = "overseers";
    /// <summary>A person, not a kiosk: the caller's own account routes.</summary>
    public const string PeopleOnly = "people";
    /// <summary>The default scheme: it forwards to the kiosk, bearer or cookie handler (<see cref="SelectScheme"/>).</summary>
    public const string Scheme = "Cascade";

    public static WebApplicationBuilder AddCascadeAccess(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cascade", o => o.ForwardDefaultSelector = SelectScheme)
            .AddBearerToken(o => o.Events = new BearerTokenEvents
            {
                // Browsers cannot set headers on a WebSocket: SignalR's clients send the token in the query.
                OnMessageReceived = context =>
                {
                    if (HubQueryToken(context.HttpContext) is { } token) context.Token = token;
                    return Task.CompletedTask;
                },
            })
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.CookieManager = new SchemeAwareCookies();
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Cookie.Path = "/";
                o.SlidingExpiration = true;
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                // The API, its OpenAPI document and the hub answer 401 and 403; only pages are sent to the sign-in form.
                o.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, KioskAuthentication>(KioskAuthentication.SchemeName, null);
        // The idle timeout from the validated sign-in settings, not a second read of the configuration.
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<SignInOptions>>((cookie, signIn) => cookie.ExpireTimeSpan = signIn.Value.IdleTimeout);
        // After the handler's own post-configuration has made the protector.
        builder.Services.PostConfigure<BearerTokenOptions>(BearerTokenDefaults.AuthenticationScheme,
            o => o.BearerTokenProtector = new CachedTickets(o.BearerTokenProtector));
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "cascade-antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AdminOnly, policy => policy.RequireRole(CascadeClaims.RoleName(Role.Admin)))
            .AddPolicy(Overseers, policy => policy.RequireRole(CascadeClaims.RoleName(Role.Admin), CascadeClaims.RoleName(Role.Leader)))
            .AddPolicy(PeopleOnly, policy => policy.RequireRole(Enum.GetValues<Role>().Select(CascadeClaims.RoleName)));
        builder.Services.AddSingleton<IAuthorizationHandler, UnitAccess>();
        builder.Services.AddSingleton<WriteAccess>();
        builder.Services.AddSingleton<DeniedLog>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler>(sp => sp.GetRequiredService<DeniedLog>());
        builder.Services.AddSingleton<Passwords>();
        builder.Services.AddSingleton<AdminAccount>();
        builder.Services.AddSingleton<Credentials>();
        builder.Services.AddSingleton<SignIn>();
        builder.Services.AddSingleton<SignOut>();
        builder.Services.AddSingleton<UnknownAccounts>();
        builder.Services.AddSingleton<UnknownSignInLog>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<UnknownSignInLog>());
        builder.Services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Kiosks>();
        builder.Services.AddSingleton<KioskScope>();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(AuthApi.SignInLimit, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<SignInOptions>>().Value.PerAddressPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(context),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) });
            });
            limiter.OnRejected = async (rejected, cancel) =>
            {
                var response = rejected.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                // Every 429 says when to come back; a fixed window always knows, a minute otherwise.
                RetryAfterHeader.Set(response, rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1));
                await Problems.Status(StatusCodes.Status429TooManyRequests, "Too Many Requests",
                    "Too many sign-in attempts from this address; try again later.").ExecuteAsync(rejected.HttpContext);
            };
        });
        return builder;
    }

    public static WebApplication UseCascadeAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<CurrentUserCheck>();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>A kiosk token when the query has one; a bearer token when the request carries one; else the cookie.</summary>
    private static string SelectScheme(HttpContext context)
    {
        if (context.Request.Query.ContainsKey(KioskAuthentication.QueryName)) return KioskAuthentication.SchemeName;
        if (context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return BearerTokenDefaults.AuthenticationScheme;
        if (HubQueryToken(context) is not null) return BearerTokenDefaults.AuthenticationScheme;
        return CookieAuthenticationDefaults.AuthenticationScheme;
    }

    /// <summary>The bearer token SignalR's browser client sends in the query of a hub request, since it cannot set headers on a WebSocket.</summary>
    private static string? HubQueryToken(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query.TryGetValue("access_token", out var token) ? token.ToString() : null;

    private static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs")
            || context.Request.Path.StartsWithSegments("/openapi"))
            context.Response.StatusCode = status;
        else context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
