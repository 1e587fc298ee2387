using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Cascade.Tests.Web;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cascade.Tests.Access;

/// <summary>
/// The workbench page <c>/app</c> without a browser: who gets the page and who the sign-in form,
/// and that the page and its scripts keep to the content security policy (no inline script or
/// style, no markup built from strings).
/// </summary>
public sealed partial class WorkbenchAccessTests(WorkbenchAccessTests.App app) : IClassFixture<WorkbenchAccessTests.App>
{
    public sealed class App : ApiApp;

    private const string Password = "a-long-password";

    private static readonly string[] Modules = ["main", "api", "access", "i18n", "summary", "tasks", "task-row", "dom"];

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>A browser: keeps cookies, follows no redirects, sends no bearer token.</summary>
    private HttpClient Browser()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    /// <summary>A browser signed in through the form as a new editor of the root.</summary>
    private async Task<HttpClient> SignedInBrowser()
    {
        var username = Api.Id("wb-person");
        await (await (await app.Client()).PostAsJsonAsync("/api/v1/users",
            new { username, password = Password, displayName = "书记", role = "editor", unitId = ApiApp.Root })).Expect(HttpStatusCode.Created);
        var browser = Browser();
        var form = await (await browser.GetAsync("/login")).Content.ReadAsStringAsync();
        var answer = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(form).Groups[1].Value,
            ["username"] = username,
            ["password"] = Password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/app", answer.Headers.Location!.OriginalString);
        return browser;
    }

    [Theory]
    [InlineData("/app", "/login?returnUrl=%2Fapp")]
    [InlineData("/app?unit=bgs", "/login?returnUrl=%2Fapp%3Funit%3Dbgs")]
    [InlineData("/app?unit=bgs&lang=en", "/login?returnUrl=%2Fapp%3Funit%3Dbgs%26lang%3Den&lang=en")]
    [InlineData("/app?kiosk=abc.def&unit=bgs", "/login?returnUrl=%2Fapp%3Funit%3Dbgs")]
    public async Task Without_a_signed_in_person_the_workbench_sends_to_the_sign_in_form_with_its_query(string path, string location)
    {
        var answer = await Browser().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal(location, answer.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_kiosk_token_opens_walls_not_the_workbench()
    {
        var token = (await (await (await app.Client()).PostAsJsonAsync("/api/v1/kiosks", new { name = "大屏", unitId = ApiApp.Root, depth = 1 }))
            .Expect(HttpStatusCode.Created)).GetProperty("token").GetString()!;
        var answer = await Browser().GetAsync($"/app?kiosk={Uri.EscapeDataString(token)}");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/login?returnUrl=%2Fapp", answer.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await Browser().GetAsync($"/api/v1/units?kiosk={Uri.EscapeDataString(token)}")).StatusCode);
    }

    [Fact]
    public async Task The_site_root_leads_to_the_workbench()
    {
        var answer = await Browser().GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/app", answer.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_signed_in_person_gets_a_page_with_no_inline_script_or_style_and_a_working_sign_out()
    {
        var browser = await SignedInBrowser();
        var page = await browser.GetAsync("/app?unit=root");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Matches("<script [^>]*src=\"/app/main.js\"", html);
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("\\sstyle=", html);
        Assert.DoesNotContain("<!--antiforgery-->", html);

        var signOut = await browser.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(html).Groups[1].Value,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        await (await browser.GetAsync("/api/v1/me")).Problem(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/app")).StatusCode);
    }

    [Fact]
    public async Task The_workbench_the_ledger_and_then_and_now_are_served_with_one_shared_head_and_header()
    {
        var browser = await SignedInBrowser();
        var pages = new List<string>();
        foreach (var (path, script) in new[] { ("/app", "/app/main.js"), ("/app/alerts", "/app/ledger.js"), ("/app/compare", "/app/compare.js") })
        {
            var page = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Matches($"<script [^>]*src=\"{script}\"", html);
            Assert.DoesNotContain("<!--chrome:", html);
            Assert.DoesNotContain("<!--antiforgery-->", html);
            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
            Assert.Matches(AntiforgeryField(), html);
            pages.Add(html);
        }
        // The shared parts, word for word in both: from the first <meta> to the page's own <title>, and the header.
        string Shared(string html, string from, string to) =>
            html[html.IndexOf(from, StringComparison.Ordinal)..html.IndexOf(to, StringComparison.Ordinal)];
        Assert.Contains("/lib/signalr.min.js", Shared(pages[0], "<meta charset", "<title>"));
        var header = Shared(pages[0], "<header", "<main");
        Assert.Contains("id=\"sign-out\"", header);
        foreach (var other in pages.Skip(1))
        {
            Assert.Equal(Shared(pages[0], "<meta charset", "<title>"), Shared(other, "<meta charset", "<title>"));
            Assert.Equal(AntiforgeryField().Replace(header, ""), AntiforgeryField().Replace(Shared(other, "<header", "<main"), ""));
        }
    }

    [Fact]
    public async Task The_workbench_scripts_put_data_in_as_text_only()
    {
        var browser = Browser();
        foreach (var module in Modules)
        {
            var answer = await browser.GetAsync($"/app/{module}.js");
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"/app/{module}.js answered {(int)answer.StatusCode}");
            var script = await answer.Content.ReadAsStringAsync();
            foreach (var sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setAttribute('style'" })
                Assert.False(script.Contains(sink, StringComparison.Ordinal), $"/app/{module}.js uses {sink}");
        }
    }
}
