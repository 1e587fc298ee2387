using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Cascade.Tests.Support;
using Cascade.Tests.Web;
using Microsoft.Playwright;

namespace Cascade.Tests.E2E;

/// <summary>
/// The API reference (<c>/api/reference/</c>) in Debian's Chromium against the real product: an
/// admin signed in with the browser's session cookie sees the API's operations drawn by Scalar,
/// with no content security policy violation and no request leaving this origin.
/// </summary>
[Collection(Serial.Name)]
public sealed class ApiReferencePageTests(Chromium chromium, WorkbenchServer server) : IClassFixture<Chromium>, IClassFixture<WorkbenchServer>
{
    [Fact]
    public async Task An_admin_reads_the_reference_with_no_policy_violation_and_nothing_from_elsewhere()
    {
        var username = Api.Id("ref-admin");
        await (await server.Admin.PostAsJsonAsync("/api/v1/users",
            new { username, password = WorkbenchServer.Password, displayName = "管理员", role = "admin" })).Expect(HttpStatusCode.Created);
        var browser = new WorkbenchBrowser(chromium, server);
        var page = await browser.NewPage(new ViewportSize { Width = 1920, Height = 1080 });
        var origin = new Uri(server.Url("/")).GetLeftPart(UriPartial.Authority);
        var elsewhere = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(origin, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal)) elsewhere.Add(request.Url);
        };

        await page.GotoAsync(server.Url("/login?returnUrl=" + Uri.EscapeDataString("/api/reference/")));
        await page.FillAsync("input[name=username]", username);
        await page.FillAsync("input[name=password]", WorkbenchServer.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Regex("/api/reference/$"));

        // Drawn from /openapi/v1.json, which the page fetched with the session cookie.
        await Assertions.Expect(page.GetByText("Cascade API").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("/api/v1/", new() { Timeout = 30_000 });
        // Its client sends a request as the signed-in admin: the session cookie, nothing it adds in the way.
        var answers = new List<(string Url, int Status, string? Authorization)>();
        page.Response += (_, response) =>
        {
            if (response.Url.EndsWith("/api/v1/me", StringComparison.Ordinal))
                answers.Add((response.Url, response.Status, response.Request.Headers.GetValueOrDefault("authorization")));
        };
        await page.GetByRole(AriaRole.Button, new() { Name = "Test Request (get /api/v1/me)" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = false }).First.ClickAsync();
        await Eventually.True(() => Task.FromResult(answers.Count > 0), "the reference sent GET /api/v1/me", TimeSpan.FromSeconds(20));
        Assert.True(answers[0].Status == 200, $"{answers[0].Url} answered {answers[0].Status} with Authorization '{answers[0].Authorization}'");
        browser.NoViolations();
        Assert.True(elsewhere.Count == 0, "Requests to elsewhere: " + string.Join(", ", elsewhere));
    }
}
