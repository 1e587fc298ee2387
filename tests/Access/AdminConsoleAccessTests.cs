using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Cascade.Tests.Web;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cascade.Tests.Access;

/// <summary>
/// The admin console <c>/admin</c> without a browser: admins get the page (the workbench's shared
/// head and header, no inline script or style), other people a 403 page that says so, anyone
/// signed out the sign-in form; its scripts put data in as text only.
/// </summary>
public sealed partial class AdminConsoleAccessTests(AdminConsoleAccessTests.App app) : IClassFixture<AdminConsoleAccessTests.App>
{
    public sealed class App : ApiApp;

    private const string Password = "a-long-password";

    private static readonly string[] Modules = ["admin", "admin-api", "admin-i18n", "admin-dialog", "admin-forms", "admin-units", "admin-users", "admin-kiosks", "admin-link"];

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private HttpClient Browser()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    /// <summary>A browser signed in through the form as a new person of <paramref name="role"/>.</summary>
    private async Task<HttpClient> SignedIn(string role)
    {
        var username = Api.Id("adm-person");
        await (await (await app.Client()).PostAsJsonAsync("/api/v1/users",
            new { username, password = Password, displayName = "某人", role, unitId = ApiApp.Root })).Expect(HttpStatusCode.Created);
        var browser = Browser();
        var form = await (await browser.GetAsync("/login")).Content.ReadAsStringAsync();
        var answer = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(form).Groups[1].Value,
            ["username"] = username,
            ["password"] = Password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        return browser;
    }

    [Theory]
    [InlineData("/admin", "/login?returnUrl=%2Fadmin")]
    [InlineData("/admin?lang=en", "/login?returnUrl=%2Fadmin%3Flang%3Den&lang=en")]
    public async Task Without_a_signed_in_person_the_console_sends_to_the_sign_in_form(string path, string location)
    {
        var answer = await Browser().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal(location, answer.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("editor")]
    [InlineData("leader")]
    [InlineData("viewer")]
    public async Task A_person_who_is_not_an_admin_gets_a_refusal_in_words(string role)
    {
        var answer = await (await SignedIn(role)).GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        var html = await answer.Content.ReadAsStringAsync();
        Assert.Contains("只有管理员可以打开管理页面", html);
        Assert.Contains("Only admins may open the admin console.", html);
        Assert.DoesNotContain("admin.js", html);
        Assert.DoesNotMatch("<script", html);
    }

    [Fact]
    public async Task An_admin_gets_the_console_with_the_workbench_chrome_and_no_inline_script_or_style()
    {
        var browser = await SignedIn("admin");
        var page = await browser.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        Assert.DoesNotContain("unsafe-inline", string.Join(";", page.Headers.GetValues("Content-Security-Policy")));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Matches("<script [^>]*src=\"/app/admin.js\"", html);
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("\\sstyle=", html);
        Assert.DoesNotContain("<!--chrome:", html);
        Assert.Matches(AntiforgeryField(), html);
        Assert.Contains("id=\"sign-out\"", html);
        Assert.Contains("id=\"to-admin\"", html);
        // The same shared head as the workbench's.
        var workbench = await (await browser.GetAsync("/app")).Content.ReadAsStringAsync();
        // From the first <meta> to the page's own comment that follows the shared part.
        string Head(string h)
        {
            var from = h.IndexOf("<meta charset", StringComparison.Ordinal);
            return h[from..h.IndexOf("<!--", from, StringComparison.Ordinal)];
        }
        Assert.Equal(Head(workbench), Head(html));
    }

    [Fact]
    public async Task The_console_scripts_put_data_in_as_text_only()
    {
        var browser = Browser();
        foreach (var module in Modules)
        {
            var answer = await browser.GetAsync($"/app/{module}.js");
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"/app/{module}.js answered {(int)answer.StatusCode}");
            var script = await answer.Content.ReadAsStringAsync();
            foreach (var sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setAttribute('style'", "Math.random" })
                Assert.False(script.Contains(sink, StringComparison.Ordinal), $"/app/{module}.js uses {sink}");
        }
        var api = await (await browser.GetAsync("/app/admin-api.js")).Content.ReadAsStringAsync();
        Assert.Contains("crypto.getRandomValues", api);
    }
}
