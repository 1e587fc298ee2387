using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Cascade.Tests.E2E;

/// <summary>
/// The 90-day trends and 此前与现在 (docs/architecture.md "Trends and then and now") on the demo department with 89
/// days of history (<see cref="TrendServer"/>): every wall tile with history draws its trend from
/// one read per tile through the kiosk link, broken where a day has no point, and a unit without
/// history draws none, with nothing cut or overlapping at four sizes; the workbench draws the
/// unit's trend with ECharts; then and now shows each figure of two dates and their change.
/// Screenshots go to <c>$CASCADE_SCREENSHOTS</c> when it is set.
/// </summary>
[Collection(Serial.Name)]
public sealed partial class TrendPageTests(Chromium chromium, TrendServer server) : IClassFixture<Chromium>, IClassFixture<TrendServer>
{
    /// <summary>Days with a point in the last 90 (today's exists only when the product ran in the hour after midnight).</summary>
    private static readonly int[] Points = [84, 85];

    private static async Task Screenshot(IPage page, string name, bool fullPage = false)
    {
        if (Environment.GetEnvironmentVariable("CASCADE_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = fullPage });
        }
    }

    [Theory]
    [InlineData(1366, 768, "en")]
    [InlineData(1920, 1080, "zh")]
    [InlineData(3840, 2160, "en")]
    [InlineData(375, 667, "zh")]
    public async Task Every_tile_with_history_draws_its_trend_from_one_read_and_nothing_is_cut(int width, int height, string lang)
    {
        var reads = 0;
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        page.Request += (_, request) => { if (request.Url.Contains("/history")) Interlocked.Increment(ref reads); };
        await page.GotoAsync(server.Url($"wall?unit=kjt&depth=2&kiosk={server.Kiosk}{(lang == "en" ? "&lang=en" : "")}"));
        await Assertions.Expect(page.Locator("#cover")).ToBeHiddenAsync(new() { Timeout = 15_000 });
        // The legend says what the line is where it has room (not beside the English words at 1366).
        if (width != 1366) await Assertions.Expect(page.Locator("#legend-trend")).ToBeVisibleAsync();
        var drawn = await page.Locator(".tile[data-unit]").EvaluateAllAsync<string[]>("tiles => tiles.map(t => t.dataset.unit)");
        Assert.Contains(TrendServer.WithoutHistory, drawn);
        // Every read answered: each tile with history shows its points, and the one without none.
        await Assertions.Expect(page.Locator(".tile[data-trend]")).ToHaveCountAsync(drawn.Length - 1);
        await page.EvaluateAsync("() => document.fonts.ready.then(() => new Promise(r => setTimeout(r, 400)))");
        await Screenshot(page, $"trend-wall-{width}x{height}-{lang}.png", fullPage: width < 700);
        if (Environment.GetEnvironmentVariable("CASCADE_SCREENSHOTS") is { Length: > 0 } folder) // the tiles up close
            await page.Locator("#tree .grid").First.ScreenshotAsync(new() { Path = Path.Combine(folder, $"trend-tiles-{width}x{height}-{lang}.png") });

        Assert.Equal(drawn.Length, Volatile.Read(ref reads)); // one read a tile, nothing more
        var tiles = await page.Locator(".tile[data-unit]").EvaluateAllAsync<string[]>(
            "tiles => tiles.map(t => [t.dataset.unit, t.dataset.trend ?? '', getComputedStyle(t.querySelector('svg.trend')).display, t.querySelector('.trend-progress').getAttribute('d') ?? ''].join('|'))");
        foreach (var row in tiles.Select(t => t.Split('|')))
        {
            if (row[0] == TrendServer.WithoutHistory)
            {
                Assert.Equal(("", "none"), (row[1], row[2]));
                continue;
            }
            Assert.Contains(int.Parse(row[1]), Points);
            Assert.NotEqual("none", row[2]);
            // Broken where Cascade was down: the 89th..88th days ago, then five more runs between the missing days.
            Assert.Equal(6, row[3].Count(c => c == 'M'));
        }
        var problems = await WallFitPageTests.Problems(page);
        Assert.True(problems.Length == 0, $"{problems.Length} problems:\n{string.Join("\n", problems.Take(30))}");
        // The trend is drawn inside its tile, never over the next one.
        var outside = await page.EvaluateAsync<int>(
            "() => [...document.querySelectorAll('.tile[data-trend]')].filter(t => { const a = t.getBoundingClientRect(), b = t.querySelector('svg.trend').getBoundingClientRect(); return b.left < a.left || b.right > a.right || b.top < a.top || b.bottom > a.bottom + 1; }).length");
        Assert.Equal(0, outside);
        await context.CloseAsync();
    }

    /// <summary>Script errors and content security policy reports of the pages opened by <see cref="SignedIn"/>.</summary>
    private readonly List<string> _errors = [];

    /// <summary>Opens a workbench page as the admin, through the sign-in form.</summary>
    private async Task<IPage> SignedIn(string path, int width, int height)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, HasTouch = width < 600 });
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => _errors.Add(error);
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) _errors.Add(message.Text); };
        await page.GotoAsync(server.Url(path));
        await page.WaitForURLAsync(new Regex("/login\\?returnUrl="));
        await page.FillAsync("input[name=username]", "admin");
        await page.FillAsync("input[name=password]", Support.WebProcess.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Regex(Regex.Escape(path.Split('?')[0])));
        await Assertions.Expect(page.Locator("#cover")).ToBeHiddenAsync(new() { Timeout = 15_000 });
        return page;
    }

    [Theory]
    [InlineData(1366, 768)]
    [InlineData(375, 667)]
    public async Task The_workbench_draws_the_units_trend_and_says_when_there_is_none(int width, int height)
    {
        var page = await SignedIn("/app?unit=jgdw", width, height);
        var trend = page.Locator("#trend");
        await Assertions.Expect(trend).ToHaveAttributeAsync("data-points", new Regex("^8[45]$"));
        if (width < 600) await page.ClickAsync("#summary-line"); // on a phone the figures open from the line
        var canvas = page.Locator("#trend .trend-chart canvas").First;
        await Assertions.Expect(canvas).ToBeVisibleAsync();
        var box = await canvas.BoundingBoxAsync();
        Assert.True(box is { Width: > 200, Height: > 100 }, $"the chart is {box?.Width}x{box?.Height}");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth"), "the page scrolls sideways");
        await canvas.HoverAsync(); // the tooltip too stays within the content security policy
        await Assertions.Expect(page.Locator("#compare-link")).ToHaveAttributeAsync("href", "/app/compare?unit=jgdw");
        await Screenshot(page, $"trend-workbench-{width}x{height}.png", fullPage: true);
        await Screenshot(page, $"trend-workbench-{width}x{height}-first-screen.png");

        await page.GotoAsync(server.Url($"/app?unit={TrendServer.WithoutHistory}"));
        await Assertions.Expect(page.Locator("#trend")).ToHaveAttributeAsync("data-points", "0");
        if (width < 600) await page.ClickAsync("#summary-line");
        await Assertions.Expect(page.Locator("#trend .trend-none")).ToHaveTextAsync("暂无历史数据（每天零点记录一次）");
        await Assertions.Expect(page.Locator("#trend .trend-chart")).ToBeHiddenAsync();
        Assert.True(_errors.Count == 0, string.Join("\n", _errors));
        await page.Context.CloseAsync();
    }
}
