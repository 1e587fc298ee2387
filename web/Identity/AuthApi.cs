using System.Globalization;
using Cascade.Identity;
using Cascade.Time;
using Cascade.Web.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Cascade.Web.Identity;

/// <summary>The sign-in routes (docs/api.md "Identity and access"): bearer tokens for scripts, the caller's own account.</summary>
public static class AuthApi
{
    public const string SignInLimit = "sign-in";

    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        // 401 for a wrong password (declared with the whole API); 429 from the account's lockout (here) and from the per-address limit (the rate limiter).
        api.MapPost("/auth/token", Token).AllowAnonymous().RequireRateLimiting(SignInLimit).WithTags("Sign-in").ReadsJson<TokenRequest>()
            .Refuses(StatusCodes.Status429TooManyRequests);
        // 403: a kiosk, which has no account of its own.
        api.MapGet("/me", Me).RequireAuthorization(AccessExtensions.PeopleOnly).WithTags("Sign-in")
            .Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        api.MapPut("/me/password", ChangePassword).RequireAuthorization(AccessExtensions.PeopleOnly).WithTags("Sign-in").ReadsJson<PasswordChange>()
            .Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests);
        api.MapPost("/auth/logout", Logout).RequireAuthorization(AccessExtensions.PeopleOnly).WithTags("Sign-in")
            .Refuses(StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<Results<Ok<TokenAnswer>, ProblemHttpResult>> Token(
        HttpContext context, SignIn signInAttempt,
        IOptions<SignInOptions> signIn, IOptionsMonitor<BearerTokenOptions> bearer)
    {
        var (body, refusal) = await RequestBody.ReadAsync(context);
        if (refusal is not null) return refusal;
        var fields = new BodyFields(body!);
        if (TokenRequest.Read(fields) is not { } request) return Problems.Invalid(fields.Errors);

        var outcome = await signInAttempt.Attempt(request.Username, request.Password, ClientAddress.Of(context));
        if (outcome is SignIn.Locked locked) return Locked(context, locked.Wait);
        if (outcome is not SignIn.Accepted { User: var user })
            return Problems.Status(StatusCodes.Status401Unauthorized, "Unauthorized", "Wrong username or password, or the account is disabled.");

        var lifetime = signIn.Value.TokenLifetime;
        var options = bearer.Get(BearerTokenDefaults.AuthenticationScheme);
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        var ticket = new AuthenticationTicket(
            CascadeClaims.For(user, BearerTokenDefaults.AuthenticationScheme, CascadeClaims.NewSession()),
            new AuthenticationProperties { ExpiresUtc = now + lifetime },
            BearerTokenDefaults.AuthenticationScheme);
        var token = options.BearerTokenProtector.Protect(ticket);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new TokenAnswer(token, "Bearer", (long)lifetime.TotalSeconds, UserDto.From(user)));
    }

    private static ProblemHttpResult Locked(HttpContext context, TimeSpan wait)
    {
        RetryAfterHeader.Set(context.Response, wait);
        return Problems.Status(StatusCodes.Status429TooManyRequests, "Too Many Requests",
            $"Too many failed sign-ins for this account; try again in {Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds))} s.");
    }

    /// <summary>Ends the session of the bearer token (or cookie) the request carries: a copy of it is refused from now on.</summary>
    private static async Task<NoContent> Logout(HttpContext context, SignOut signOut)
    {
        await signOut.EndAsync(context);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<UserDto>, ProblemHttpResult>> Me(HttpContext context, IGrainFactory grains)
    {
        var user = await grains.GetGrain<IUserGrain>(context.User.Username()!).Get();
        return user is null ? Problems.NotFound("You no longer exist.") : TypedResults.Ok(UserDto.From(user));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangePassword(HttpContext context, IGrainFactory grains, Passwords passwords, Credentials credentials, SignIn signIn)
    {
        var (body, refusal) = await RequestBody.ReadAsync(context);
        if (refusal is not null) return refusal;
        var fields = new BodyFields(body!);
        if (PasswordChange.Read(fields) is not { } change) return Problems.Invalid(fields.Errors);
        var account = grains.GetGrain<IUserGrain>(context.User.Username()!);
        if (await account.Get() is not { } user) return Problems.NotFound("You no longer exist.");
        switch (await signIn.Confirm(user, change.CurrentPassword, ClientAddress.Of(context)))
        {
            case SignIn.Locked { Wait: var wait }: return Locked(context, wait);
            case SignIn.Accepted: break;
            default: return Problems.Invalid(new() { ["currentPassword"] = ["currentPassword is not your password."] });
        }
        // A new stamp: every token and session issued under the old password ends.
        await account.Update(user with { PasswordHash = passwords.Hash(change.NewPassword), Stamp = user.Stamp + 1 }, user.Username);
        credentials.Forget(user.Username);
        return TypedResults.NoContent();
    }
}
