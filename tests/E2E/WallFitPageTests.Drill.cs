using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Cascade.Tests.E2E;

/// <summary>
/// Drill-down and rotation: a tapped tile opens that unit's wall with the same bottom level (inside
/// what the kiosk link allows) and a way back; with <c>rotate=</c> the tiles that do not fit come
/// page by page instead of being summed up, each page fitting as the whole wall does.
/// </summary>
public sealed partial class WallFitPageTests
{
    [Fact]
    public async Task A_tapped_tile_opens_its_units_wall_within_the_kiosk_link_and_the_way_back_returns()
    {
        var (_, url) = Wall("demo", "zh");
        var page = await Open(chromium.Browser, url, 1366, 768);
        var name = page.Locator("#org-name");
        await Assertions.Expect(name).ToHaveTextAsync("宁夏回族自治区科学技术厅");
        await Assertions.Expect(page.Locator("#back")).ToBeHiddenAsync();

        // The committee: its wall one level less deep, its 19 branches as tiles.
        await page.Locator(".tile.as-head[data-unit='jgdw']").ClickAsync();
        await Assertions.Expect(name).ToHaveTextAsync("机关党委");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("unit=jgdw&depth=1"));
        await Assertions.Expect(page.Locator(".tile[data-unit]")).ToHaveCountAsync(19);
        await Assertions.Expect(page.Locator("#cover")).ToBeHiddenAsync();
        var back = page.Locator("#back");
        await Assertions.Expect(back).ToHaveTextAsync("‹ 返回宁夏回族自治区科学技术厅");
        Assert.Empty(await Problems(page));

        // A branch: its own wall, one tile.
        await page.Locator(".tile[data-unit='bgs']").ClickAsync();
        await Assertions.Expect(name).ToHaveTextAsync("办公室党支部");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("unit=bgs&depth=0"));
        await Assertions.Expect(page.Locator(".tile[data-unit]")).ToHaveCountAsync(1);
        await Assertions.Expect(back).ToHaveTextAsync("‹ 返回机关党委");

        // Back twice: where it started; the browser's own back works the same way.
        await back.ClickAsync();
        await Assertions.Expect(name).ToHaveTextAsync("机关党委");
        await back.ClickAsync();
        await Assertions.Expect(name).ToHaveTextAsync("宁夏回族自治区科学技术厅");
        await Assertions.Expect(back).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".tile[data-unit]")).ToHaveCountAsync(20);
        await page.GoForwardAsync();
        await Assertions.Expect(name).ToHaveTextAsync("机关党委");
        await page.GoBackAsync();
        await Assertions.Expect(name).ToHaveTextAsync("宁夏回族自治区科学技术厅");
    }

    [Theory]
    [InlineData(1920, 1080, "zh")]
    [InlineData(1366, 768, "en")]
    public async Task With_rotate_every_unit_comes_on_some_page_at_a_readable_size(int width, int height, string lang)
    {
        var (server, url) = Wall("sixty", lang, "&rotate=5");
        var page = await Open(chromium.Browser, url, width, height);
        var tree = page.Locator("#tree");
        var pages = int.Parse((await tree.GetAttributeAsync("data-pages"))!);
        Assert.True(pages > 1, "the 60-unit tree fits one page: nothing to rotate");
        await Assertions.Expect(page.Locator("#tree-page")).ToBeVisibleAsync();

        var seen = new HashSet<string>();
        for (var i = 0; i < pages; i++)
        {
            var current = (await tree.GetAttributeAsync("data-page"))!;
            Assert.Equal(0, await page.Locator(".tile.more").CountAsync());
            var problems = await Problems(page);
            Assert.True(problems.Length == 0, $"page {current}: {string.Join("\n", problems.Take(20))}");
            var sizes = await page.EvaluateAsync<double[]>("() => [parseFloat(getComputedStyle(document.documentElement).fontSize), ...[...document.querySelectorAll('.tile:not(.as-head) .name')].map(n => parseFloat(getComputedStyle(n).fontSize))]");
            Assert.All(sizes.Skip(1), size => Assert.True(size >= sizes[0] - 0.01, $"page {current}: a name at {size}px, below 1rem"));
            foreach (var id in await page.Locator(".tile[data-unit]").EvaluateAllAsync<string[]>("tiles => tiles.map(t => t.dataset.unit)")) seen.Add(id);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"wall-rotate-{width}x{height}-{lang}-{current}.png") });
            if (i < pages - 1) await Assertions.Expect(tree).Not.ToHaveAttributeAsync("data-page", current, new() { Timeout = 9_000 });
        }
        var all = await server.Client.GetStringAsync($"/api/v1/units/{SixtyUnitTree.Root}/tree?depth=2");
        var expected = Regex.Matches(all, "\"id\":\"([^\"]+)\"").Select(m => m.Groups[1].Value).Where(id => id != SixtyUnitTree.Root).ToHashSet();
        Assert.Equal(expected.Order(), seen.Order());
    }
}
