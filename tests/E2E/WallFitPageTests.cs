using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;
using Microsoft.Playwright;

namespace Cascade.Tests.E2E;

/// <summary>
/// Whole names at every size: the wall on the demo (20 units; and 机关党委's, with its 交办事项) and on a 60-unit tree, at 1366x768,
/// 1920x1080 and 3840x2160 (and the demo on a 375x667 phone upright and on its side, where it scrolls), in Chinese and English, has no unit name or short label cut or
/// overlapping (<see cref="WallFit"/>), every unit in view drawn or counted in a "more" tile, every
/// name whole (or without its 党支部 where two lines cannot hold it) and no tile type below 1rem.
/// Screenshots land in the temp folder's cascade-wall-fit/ for a person to look at.
/// </summary>
[Collection(Serial.Name)]
public sealed partial class WallFitPageTests(Chromium chromium, WallFitPageTests.Servers servers) : IClassFixture<Chromium>, IClassFixture<WallFitPageTests.Servers>
{
    /// <summary>Two products for the whole class: the demo, and the 60-unit tree; a kiosk link on each.</summary>
    public sealed class Servers : IAsyncLifetime
    {
        private readonly TempDirectory _folder = new();
        public WebProcess Demo { get; private set; } = null!;
        public WebProcess Sixty { get; private set; } = null!;
        public string DemoKiosk { get; private set; } = "";
        public string SixtyKiosk { get; private set; } = "";
        public string CommitteeKiosk { get; private set; } = "";

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(_folder.File("demo"));
            Directory.CreateDirectory(_folder.File("sixty"));
            Demo = await WebProcess.StartAsync(_folder.File("demo"), _folder.File("demo/cascade.db"), "--Cascade:Demo:Seed=true");
            Sixty = await WebProcess.StartAsync(_folder.File("sixty"), _folder.File("sixty/cascade.db"));
            await SixtyUnitTree.BuildAsync(Sixty.Client);
            DemoKiosk = await Kiosk(Demo, "kjt");
            SixtyKiosk = await Kiosk(Sixty, SixtyUnitTree.Root);
            CommitteeKiosk = await Kiosk(Demo, "jgdw");
        }

        private static async Task<string> Kiosk(WebProcess server, string unit)
        {
            var response = await server.Client.PostAsJsonAsync("/api/v1/kiosks", new { name = "测试大屏", unitId = unit, depth = 2 });
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        }

        public async Task DisposeAsync()
        {
            if (Demo is not null) await Demo.DisposeAsync();
            if (Sixty is not null) await Sixty.DisposeAsync();
            _folder.Dispose();
        }
    }

    public static readonly string Screenshots = Path.Combine(Path.GetTempPath(), "cascade-wall-fit");

    /// <summary>"demo": the department's root; "committee": 机关党委, with its 交办事项 panel; "sixty": the 60-unit tree.</summary>
    private static string UnitOf(string tree) => tree switch { "demo" => "kjt", "committee" => "jgdw", _ => SixtyUnitTree.Root };

    private (WebProcess Server, string Url) Wall(string tree, string lang, string extra = "")
    {
        var (server, unit, kiosk) = tree switch
        {
            "demo" => (servers.Demo, "kjt", servers.DemoKiosk),
            "committee" => (servers.Demo, "jgdw", servers.CommitteeKiosk),
            _ => (servers.Sixty, SixtyUnitTree.Root, servers.SixtyKiosk),
        };
        return (server, $"{server.Address}wall?unit={unit}&depth=2&kiosk={kiosk}{(lang == "en" ? "&lang=en" : "")}{extra}");
    }

    /// <summary>Opens the wall and waits until its fonts are in and its layout settled.</summary>
    public static async Task<IPage> Open(IBrowser browser, string url, int width, int height)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        await Assertions.Expect(page.Locator("#cover")).ToBeHiddenAsync(new() { Timeout = 15_000 });
        await page.EvaluateAsync("() => document.fonts.ready.then(() => new Promise(r => setTimeout(r, 400)))");
        return page;
    }

    public static async Task<string[]> Problems(IPage page) => await page.EvaluateAsync<string[]>(WallFit.Script, WallFit.Labels);

    [Theory]
    [InlineData("demo", 1366, 768, "zh")]
    [InlineData("demo", 1366, 768, "en")]
    [InlineData("demo", 1920, 1080, "zh")]
    [InlineData("demo", 1920, 1080, "en")]
    [InlineData("demo", 3840, 2160, "zh")]
    [InlineData("demo", 3840, 2160, "en")]
    [InlineData("demo", 375, 667, "zh")]
    [InlineData("demo", 375, 667, "en")]
    [InlineData("demo", 667, 375, "zh")]
    [InlineData("committee", 1366, 768, "zh")]
    [InlineData("committee", 1366, 768, "en")]
    [InlineData("committee", 1920, 1080, "zh")]
    [InlineData("committee", 1920, 1080, "en")]
    [InlineData("committee", 3840, 2160, "zh")]
    [InlineData("committee", 3840, 2160, "en")]
    [InlineData("committee", 375, 667, "zh")]
    [InlineData("committee", 375, 667, "en")]
    [InlineData("sixty", 1366, 768, "zh")]
    [InlineData("sixty", 1366, 768, "en")]
    [InlineData("sixty", 1920, 1080, "zh")]
    [InlineData("sixty", 1920, 1080, "en")]
    [InlineData("sixty", 3840, 2160, "zh")]
    [InlineData("sixty", 3840, 2160, "en")]
    public async Task No_name_or_label_is_cut_or_overlaps_and_every_unit_is_accounted_for(string tree, int width, int height, string lang)
    {
        var (server, url) = Wall(tree, lang);
        var page = await Open(chromium.Browser, url, width, height);
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"wall-{tree}-{width}x{height}-{lang}.png"), FullPage = width < 700 || height < 480 });

        var problems = await Problems(page);
        Assert.True(problems.Length == 0, $"{problems.Length} problems:\n{string.Join("\n", problems.Take(30))}");

        // 机关党委's wall lists the three directives it handed down (all of them where the screen is large).
        var panel = page.Locator("#directives-panel");
        if (tree == "committee")
        {
            await Assertions.Expect(panel).ToBeVisibleAsync();
            Assert.Equal("3", await page.Locator("#directives").GetAttributeAsync("data-count"));
            if (height >= 1080 || width < 700) Assert.Equal(3, await page.Locator(".dir-row:visible").CountAsync());
        }
        else await Assertions.Expect(panel).ToBeHiddenAsync();

        // Every unit below the watched one to depth 2 is a tile (or a group's head), or is counted in
        // a "more" tile, or is inside a drawn child's counts (a flat grid of children).
        var units = await server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/units/{UnitOf(tree)}/tree?depth=2");
        var drawn = await page.Locator(".tile[data-unit]").EvaluateAllAsync<string[]>("tiles => tiles.map(t => t.dataset.unit)");
        var more = await page.Locator(".tile.more").EvaluateAllAsync<int[]>("tiles => tiles.map(t => Number(t.dataset.count))");
        var mode = await page.Locator("#tree").GetAttributeAsync("data-mode");
        var children = units.GetProperty("children").EnumerateArray().ToList();
        var grandchildren = children.SelectMany(c => c.GetProperty("children").EnumerateArray()).ToList();
        var expected = mode == "grouped" ? grandchildren.Count + children.Count : children.Count;
        if (children.Count == 0) expected = 1;
        Assert.Equal(expected, drawn.Distinct().Count() + more.Sum());

        // Names whole, or without their kind only where marked so (the full one in the title).
        var names = units.GetProperty("children").EnumerateArray().Concat(grandchildren).ToDictionary(u => u.GetProperty("id").GetString()!, u => u.GetProperty("name").GetString()!);
        foreach (var row in await page.Locator(".tile[data-unit]:not(.as-head) .name").EvaluateAllAsync<string[]>(
                     "names => names.map(n => n.closest('.tile').dataset.unit + '|' + n.textContent + '|' + (n.closest('.tile').dataset.short ?? '') + '|' + n.title)"))
        {
            var (id, text, isShort, title) = (row.Split('|')[0], row.Split('|')[1], row.Split('|')[2], row.Split('|')[3]);
            if (isShort == "true")
            {
                Assert.Equal(names[id], title);
                Assert.True(names[id].StartsWith(text) && names[id][text.Length..] is "党支部" or "党总支" or "支部", $"{id}: '{text}' is not '{names[id]}' without its kind");
            }
            else Assert.Equal(names[id], text);
        }

        // No tile's type below the readable size (1rem: 24px at 1080p).
        var sizes = await page.EvaluateAsync<double[]>("() => [parseFloat(getComputedStyle(document.documentElement).fontSize), ...[...document.querySelectorAll('.tile:not(.as-head) .name')].map(n => parseFloat(getComputedStyle(n).fontSize))]");
        Assert.All(sizes.Skip(1), size => Assert.True(size >= sizes[0] - 0.01, $"a tile name at {size}px, below 1rem ({sizes[0]}px)"));
        if (height == 1080) Assert.Equal(24, sizes[0], 0.01);
    }
}
