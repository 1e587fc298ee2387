using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Cascade.Tests.Web;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cascade.Tests.Access;

/// <summary>Signing out ends the session on the server: a copy of its cookie or token is refused afterwards, other sessions live on.</summary>
public sealed partial class SignOutTests(SignOutTests.App app) : IClassFixture<SignOutTests.App>
{
    public sealed class App : ApiApp;

    private const string Password = "a-long-password";

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private async Task<string> NewUser()
    {
        var username = Api.Id("person");
        await (await (await app.Client()).PostAsJsonAsync("/api/v1/users", new { username, password = Password, displayName = "人", role = "viewer" })).Expect(HttpStatusCode.Created);
        return username;
    }

    private HttpClient Browser()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    private static async Task<string> FormToken(HttpClient browser, string path)
    {
        var page = await (await browser.GetAsync(path)).Content.ReadAsStringAsync();
        return AntiforgeryField().Match(page).Groups[1].Value;
    }

    [Fact]
    public async Task A_copied_cookie_is_refused_after_sign_out()
    {
        var username = await NewUser();
        var browser = Browser();
        var signedIn = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await FormToken(browser, "/login"),
            ["username"] = username,
            ["password"] = Password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cascade=", StringComparison.Ordinal)).Split(';')[0];

        // Another device of the same person, and the copy an attacker took.
        var other = app.CreateClient(await app.SignIn(username, Password));
        var copy = app.CreateAnonymousClient();
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        await (await copy.GetAsync("/api/v1/me")).Expect(HttpStatusCode.OK);

        var token = await FormToken(browser, "/login");
        var signedOut = await browser.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        await (await copy.GetAsync("/api/v1/me")).Problem(HttpStatusCode.Unauthorized);
        await (await other.GetAsync("/api/v1/me")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_bearer_token_is_refused_after_auth_logout_and_a_new_sign_in_works()
    {
        var username = await NewUser();
        var token = await app.SignIn(username, Password);
        var client = app.CreateClient(token);
        var other = app.CreateClient(await app.SignIn(username, Password));
        await (await client.GetAsync("/api/v1/me")).Expect(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/v1/auth/logout", null)).StatusCode);
        await (await client.GetAsync("/api/v1/me")).Problem(HttpStatusCode.Unauthorized);
        await (await app.CreateClient(token).GetAsync("/api/v1/units")).Problem(HttpStatusCode.Unauthorized);
        await (await other.GetAsync("/api/v1/me")).Expect(HttpStatusCode.OK);

        var trail = await (await (await app.Client()).GetAsync("/api/v1/audit?limit=1000")).Expect(HttpStatusCode.OK);
        Assert.Single(trail.EnumerateArray(), e => e.GetProperty("actor").GetString() == username && e.GetProperty("action").GetString() == "signOut");
    }
}
