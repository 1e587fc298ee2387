using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Cascade.Tests.Web;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cascade.Tests.Access;

/// <summary>Browsers sign in at <c>/login</c>: a form with antiforgery, then an HttpOnly, SameSite=Strict cookie.</summary>
public sealed partial class LoginPageTests(LoginPageTests.App app) : IClassFixture<LoginPageTests.App>
{
    public sealed class App : ApiApp;

    private const string Password = "a-long-password";

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>A browser: keeps cookies, follows no redirects, sends no bearer token.</summary>
    private HttpClient Browser()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    private async Task<string> NewUser(string role = "viewer")
    {
        var username = Api.Id("person");
        await (await (await app.Client()).PostAsJsonAsync("/api/v1/users", new { username, password = Password, displayName = "人", role })).Expect(HttpStatusCode.Created);
        return username;
    }

    private static async Task<string> FormToken(HttpClient browser, string path = "/login")
    {
        var page = await (await browser.GetAsync(path)).Content.ReadAsStringAsync();
        return AntiforgeryField().Match(page).Groups[1].Value;
    }

    private static Task<HttpResponseMessage> Submit(HttpClient browser, string? token, string username, string password, string returnUrl = "/wall?unit=root") =>
        browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token ?? "",
            ["username"] = username,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
        }.Where(p => p.Key != "__RequestVerificationToken" || token is not null)));

    [Fact]
    public async Task Signing_in_sets_a_strict_http_only_cookie_that_opens_the_api_and_returns_to_the_page()
    {
        var username = await NewUser();
        var browser = Browser();
        var page = await browser.GetAsync("/login?returnUrl=%2Fwall%3Funit%3Droot");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"post\" action=\"/login\">", html);
        Assert.DoesNotContain("<script", html);

        var answer = await Submit(browser, AntiforgeryField().Match(html).Groups[1].Value, username, Password);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/wall?unit=root", answer.Headers.Location!.OriginalString);
        var cookie = answer.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cascade="));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("__Host-", cookie); // plain HTTP: browsers would refuse the prefix

        var me = await (await browser.GetAsync("/api/v1/me")).Expect(HttpStatusCode.OK);
        Assert.Equal(username, me.GetProperty("username").GetString());
    }

    [Fact]
    public async Task A_form_post_without_its_antiforgery_token_is_refused()
    {
        var username = await NewUser();
        var browser = Browser();
        await browser.GetAsync("/login");
        var answer = await Submit(browser, null, username, Password);
        Assert.True(HttpStatusCode.BadRequest == answer.StatusCode, $"{answer.StatusCode} {answer.Headers.Location} {await answer.Content.ReadAsStringAsync()}");
        Assert.False(answer.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("cascade=")));
        await (await browser.GetAsync("/api/v1/me")).Problem(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/logout", new FormUrlEncodedContent([]))).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_shows_the_form_again_with_401_and_no_cookie()
    {
        var username = await NewUser();
        var browser = Browser();
        var answer = await Submit(browser, await FormToken(browser), username, "not-the-password");
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Contains("用户名或密码错误", await answer.Content.ReadAsStringAsync());
        await (await browser.GetAsync("/api/v1/me")).Problem(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("/\t/evil.example/x")]
    [InlineData("/\n/evil.example/x")]
    [InlineData("/app\r\nSet-Cookie: x=1")]
    [InlineData("/app/\\evil")]
    [InlineData("javascript:alert(1)")]
    [InlineData(" //evil.example")]
    [InlineData("")]
    public async Task The_return_address_stays_on_this_site(string returnUrl)
    {
        var username = await NewUser();
        var browser = Browser();
        var answer = await Submit(browser, await FormToken(browser), username, Password, returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/app", answer.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Disabling_the_user_ends_the_session_and_signing_out_too()
    {
        var username = await NewUser("leader");
        var browser = Browser();
        await Submit(browser, await FormToken(browser), username, Password);
        await (await browser.GetAsync("/api/v1/me")).Expect(HttpStatusCode.OK);
        await (await (await app.Client()).PatchAsJsonAsync($"/api/v1/users/{username}", new { disabled = true })).Expect(HttpStatusCode.OK);
        await (await browser.GetAsync("/api/v1/me")).Problem(HttpStatusCode.Unauthorized);

        var other = await NewUser();
        var second = Browser();
        await Submit(second, await FormToken(second), other, Password);
        await (await second.GetAsync("/api/v1/me")).Expect(HttpStatusCode.OK);
        var token = await FormToken(second);
        var signOut = await second.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        await (await second.GetAsync("/api/v1/me")).Problem(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/app?unit=中文", "/app?unit=%E4%B8%AD%E6%96%87")]
    [InlineData("/wall?unit=kjt&depth=2", "/wall?unit=kjt&depth=2")]
    [InlineData("/app?note=a b", "/app?note=a%20b")]
    public async Task A_local_return_address_is_kept_with_non_ascii_percent_encoded(string returnUrl, string location)
    {
        var username = await NewUser();
        var browser = Browser();
        var answer = await Submit(browser, await FormToken(browser), username, Password, returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal(location, answer.Headers.Location!.OriginalString);
        await (await browser.GetAsync("/api/v1/me")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_copied_cookie_is_refused_after_sign_out()
    {
        var username = await NewUser();
        var browser = Browser();
        var signedIn = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await FormToken(browser),
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

        var token = await FormToken(browser);
        var signedOut = await browser.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        await (await copy.GetAsync("/api/v1/me")).Problem(HttpStatusCode.Unauthorized);
        await (await other.GetAsync("/api/v1/me")).Expect(HttpStatusCode.OK);
    }
}
