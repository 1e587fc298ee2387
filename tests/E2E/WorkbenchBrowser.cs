using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Cascade.Tests.E2E;

/// <summary>
/// Pages of one test against a <see cref="WorkbenchServer"/>: each in its own browser context,
/// watched for content security policy violations and script errors, and signed in the way a
/// person does it.
/// </summary>
public sealed class WorkbenchBrowser(Chromium chromium, WorkbenchServer server)
{
    /// <summary>What the console said about the content security policy, and any script error.</summary>
    private readonly List<string> _violations = [];

    public async Task<IPage> NewPage(ViewportSize size)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = size, HasTouch = size.Width < 600 });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) _violations.Add(message.Text);
        };
        page.PageError += (_, error) => _violations.Add(error);
        return page;
    }

    /// <summary>Opens <paramref name="path"/>, is sent to the sign-in form, signs in and comes back to the live page.</summary>
    public async Task SignIn(IPage page, string username, string path)
    {
        await page.GotoAsync(server.Url(path));
        await page.WaitForURLAsync(new Regex("/login\\?returnUrl="));
        await page.FillAsync("input[name=username]", username);
        await page.FillAsync("input[name=password]", WorkbenchServer.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Regex(Regex.Escape(path) + "$"));
        await Live(page);
    }

    /// <summary>The page has its data and watches its unit on the hub.</summary>
    public static async Task Live(IPage page)
    {
        await Assertions.Expect(page.Locator("#cover")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-live", "true");
    }

    public void NoViolations() => Assert.True(_violations.Count == 0, string.Join("\n", _violations));
}
