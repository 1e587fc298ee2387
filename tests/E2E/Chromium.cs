using Cascade.Tests.Support;
using Microsoft.Playwright;

namespace Cascade.Tests.E2E;

/// <summary>
/// Debian's Chromium driven by Playwright .NET (Playwright's own browser download cannot
/// work here, so it is never used). One browser per test class.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/lib/chromium/chromium";

    private readonly TempDirectory _home = new();
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"{ExecutablePath} is missing: install Debian's chromium (bash .ci/run does).");
        Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", _home.File("config"));
        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", _home.File("cache"));
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-gpu"],
        });
    }

    /// <summary>A page at 1920x1080, the wall's design size.</summary>
    public async Task<IPage> NewPage()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        _home.Dispose();
    }
}
