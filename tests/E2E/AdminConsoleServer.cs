using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cascade.Tests.Support;
using Microsoft.Playwright;

namespace Cascade.Tests.E2E;

/// <summary>
/// One product process with an EMPTY store (no demo, no units: WebProcess starts without the
/// seed) for the admin console's browser tests, and the pages they open: each in its own
/// browser context, watched for content security policy violations and script errors.
/// </summary>
public sealed class AdminConsoleServer : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private readonly List<string> _violations = [];

    public WebProcess Web { get; private set; } = null!;

    public string Url(string path) => new Uri(Web.Address, path).ToString();

    public async Task InitializeAsync() => Web = await WebProcess.StartAsync(_folder.Path, _folder.File("cascade.db"));

    public async Task<JsonElement> Get(string path) => await Web.Client.GetFromJsonAsync<JsonElement>(path);

    public async Task<IPage> NewPage(Chromium chromium, ViewportSize size)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = size, HasTouch = size.Width < 600 });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) lock (_violations) _violations.Add(message.Text);
        };
        page.PageError += (_, error) => { lock (_violations) _violations.Add(error); };
        return page;
    }

    /// <summary>Opens <paramref name="path"/>, is sent to the sign-in form, signs in and comes back.</summary>
    public async Task SignIn(IPage page, string username, string password, string path)
    {
        await page.GotoAsync(Url(path));
        await page.WaitForURLAsync(new Regex("/login\\?returnUrl="));
        await page.FillAsync("input[name=username]", username);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Regex(Regex.Escape(path) + "$"));
    }

    /// <summary>The admin on the console with its data loaded.</summary>
    public async Task<IPage> Console(Chromium chromium, ViewportSize size, string path = "/admin")
    {
        var page = await NewPage(chromium, size);
        await SignIn(page, "admin", WebProcess.AdminPassword, path);
        await Assertions.Expect(page.Locator("#cover")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-live", "true");
        return page;
    }

    public void NoViolations()
    {
        lock (_violations) Assert.True(_violations.Count == 0, string.Join("\n", _violations));
    }

    /// <summary>Screenshots go to <c>$CASCADE_SCREENSHOTS</c> when it is set.</summary>
    public static async Task Shoot(IPage page, string name, bool fullPage = false)
    {
        if (Environment.GetEnvironmentVariable("CASCADE_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = fullPage });
    }

    public async Task DisposeAsync()
    {
        if (Web is not null) await Web.DisposeAsync();
        _folder.Dispose();
    }
}
