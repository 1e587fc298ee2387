using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;
using Microsoft.Playwright;

namespace Cascade.Tests.E2E;

/// <summary>
/// The wall says what is wrong (docs/api.md "Summary", <c>healthReasons</c>): a red or amber tile
/// names its worst reasons in words, 需要帮扶 lists every red and amber unit in view, red first,
/// and the ticker fills its column. Screenshots at three sizes land in the temp folder
/// (cascade-wall-shots) for a person to look at.
/// </summary>
[Collection(Serial.Name)]
public sealed class WallReasonsPageTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private readonly int _port = FreePort.Next();
    private WebProcess? _server;
    private string? _kiosk;

    private string WallUrl(string lang = "zh") => $"http://127.0.0.1:{_port}/wall?unit=kjt&depth=2&kiosk={_kiosk}{(lang == "en" ? "&lang=en" : "")}";

    public async Task InitializeAsync()
    {
        _server = await WebProcess.StartAsync(_folder.Path, _folder.File("cascade.db"), _port, "--Cascade:Demo:Seed=true");
        var response = await _server.Client.PostAsJsonAsync("/api/v1/kiosks", new { name = "测试大屏", unitId = "kjt", depth = 2 });
        response.EnsureSuccessStatusCode();
        _kiosk = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _folder.Dispose();
    }

    private async Task<IPage> Page(int width, int height)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        return await context.NewPageAsync();
    }

    /// <summary>The units below kjt to depth 2 with their summaries.</summary>
    private async Task<List<(string Id, JsonElement Summary)>> UnitsInView()
    {
        var units = new List<(string, JsonElement)>();
        var children = await _server!.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/units?parent=kjt");
        foreach (var child in children!)
        {
            var id = child.GetProperty("id").GetString()!;
            units.Add((id, await _server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/units/{id}/summary")));
            foreach (var grandchild in (await _server.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/units?parent={id}"))!)
            {
                var gid = grandchild.GetProperty("id").GetString()!;
                units.Add((gid, await _server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/units/{gid}/summary")));
            }
        }
        return units;
    }

    /// <summary>The words the page says for a summary's reasons, in Chinese, worst first.</summary>
    private static string Words(JsonElement summary)
    {
        var all = summary.GetProperty("all");
        return string.Join(" · ", summary.GetProperty("healthReasons").EnumerateArray().Select(r => r.GetProperty("reason").GetString() switch
        {
            "lag" => $"进度落后 {Math.Floor(r.GetProperty("value").GetDouble() * 100 + 0.5)}%",
            "overdueShare" => $"逾期 {all.GetProperty("overdue").GetInt32()} 项",
            "blockedShare" => $"受阻 {all.GetProperty("blocked").GetInt32()} 项",
            var other => $"久未更新 {all.GetProperty("stale").GetInt32()} 项",
        }));
    }

    [Fact]
    public async Task A_red_tile_names_its_reason_and_every_red_or_amber_unit_is_in_needs_help_red_first()
    {
        var page = await Page(1920, 1080);
        await page.GotoAsync(WallUrl());
        await Assertions.Expect(page.Locator("#cover")).ToBeHiddenAsync();
        var units = await UnitsInView();
        var red = units.Where(u => u.Summary.GetProperty("health").GetString() == "red").ToList();
        Assert.NotEmpty(red);
        foreach (var (id, summary) in red)
        {
            var tile = page.Locator($".tile[data-unit='{id}']");
            var words = Words(summary);
            Assert.Equal("red", summary.GetProperty("healthReasons")[0].GetProperty("level").GetString());
            await Assertions.Expect(tile).ToHaveAttributeAsync("data-reason", words);
            // The worst reason shows whole, in red, and the line is not cut.
            var shown = tile.Locator(".tile-reason");
            await Assertions.Expect(shown).ToBeVisibleAsync();
            await Assertions.Expect(shown).ToHaveClassAsync("tile-reason red");
            Assert.StartsWith(words.Split(" · ")[0], await shown.TextContentAsync());
            Assert.True(await shown.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth + 1"), $"{id}: the reason is cut");
        }

        // 需要帮扶: every red and amber unit, page by page, red before amber, each with its reasons.
        var needing = units.Where(u => u.Summary.GetProperty("health").GetString() is "red" or "amber").ToList();
        var list = page.Locator("#lagging");
        await Assertions.Expect(list).ToHaveAttributeAsync("data-count", needing.Count.ToString());
        var pages = int.Parse((await list.GetAttributeAsync("data-pages"))!);
        var byPage = new SortedDictionary<int, string[]>();
        var first = int.Parse((await list.GetAttributeAsync("data-page"))!);
        for (var i = 0; i < pages; i++)
        {
            var number = (first - 1 + i) % pages + 1;
            await Assertions.Expect(list).ToHaveAttributeAsync("data-page", number.ToString(), new() { Timeout = 10_000 });
            var rows = await list.Locator(".lag-row:visible").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.unit + '|' + r.querySelector('.lag-reasons').dataset.full + '|' + r.querySelector('.lag-reasons').textContent)");
            Assert.NotEmpty(rows);
            byPage[number] = rows;
        }
        var seen = byPage.Values.SelectMany(rows => rows).ToList();
        var byId = needing.ToDictionary(u => u.Id, u => u.Summary);
        Assert.Equal(needing.Select(u => u.Id).Order(), seen.Select(r => r.Split('|')[0]).Order());
        foreach (var row in seen)
        {
            var (id, full, shown) = (row.Split('|')[0], row.Split('|')[1], row.Split('|')[2]);
            Assert.Equal(Words(byId[id]), full);
            Assert.StartsWith(full.Split(" · ")[0], shown); // the worst reason always shows whole
        }
        Assert.Empty(await list.Locator(".rank").AllAsync());
        // Red first, page by page.
        var ordered = seen.Select(r => r.Split('|')[0]).ToList();
        var lastRed = ordered.FindLastIndex(id => red.Any(u => u.Id == id));
        var firstAmber = ordered.FindIndex(id => red.All(u => u.Id != id));
        if (firstAmber >= 0) Assert.True(lastRed < firstAmber, string.Join(", ", ordered));
    }

    [Theory]
    [InlineData(1366, 768, "zh")]
    [InlineData(1920, 1080, "zh")]
    [InlineData(3840, 2160, "zh")]
    [InlineData(1920, 1080, "en")]
    public async Task The_side_panels_fill_their_column_without_cutting_or_overlapping(int width, int height, string lang)
    {
        var page = await Page(width, height);
        await page.GotoAsync(WallUrl(lang));
        await Assertions.Expect(page.Locator("#cover")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#lagging .lag-row:visible").First).ToBeVisibleAsync();
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "cascade-wall-shots")).FullName;
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"wall-{width}x{height}-{lang}.png") });

        // Rows of both panels: inside their list, not overlapping each other, names not cut.
        var problems = await page.EvaluateAsync<string[]>("""
            () => {
              const out = [];
              for (const list of document.querySelectorAll('#lagging, #recent')) {
                const box = list.getBoundingClientRect();
                const rows = [...list.children].filter(r => !r.hidden && r.offsetParent !== null);
                rows.forEach((r, i) => {
                  const b = r.getBoundingClientRect();
                  if (b.bottom > box.bottom + 1) out.push(`${list.id} row ${i} below its panel`);
                  const next = rows[i + 1]?.getBoundingClientRect();
                  if (next && next.top < b.bottom - 1) out.push(`${list.id} rows ${i} and ${i + 1} overlap`);
                });
              }
              for (const name of document.querySelectorAll('#lagging .lag-row:not([hidden]) .name, #lagging .lag-row:not([hidden]) .lag-reasons, #recent li:not([hidden]) .change-unit, .tile-reason:not([hidden])'))
                if (name.scrollWidth > name.clientWidth + 1) out.push(`cut: ${name.textContent}`);
              return out;
            }
            """);
        Assert.True(problems.Length == 0, string.Join("\n", problems));

        // The ticker fills its column: the entries it has (changes and open alerts) up to what fits.
        var ticker = await page.EvaluateAsync<double[]>("""
            () => {
              const list = document.getElementById('recent');
              const rows = [...list.children].filter(r => !r.hidden && r.offsetParent !== null);
              const last = rows[rows.length - 1].getBoundingClientRect();
              const first = rows[0].getBoundingClientRect();
              return [rows.length, list.getBoundingClientRect().bottom - last.bottom, last.bottom - first.top + 1, Number(list.dataset.available ?? 0)];
            }
            """);
        var (shownRows, room, used, available) = ((int)ticker[0], ticker[1], ticker[2], (int)ticker[3]);
        var rowHeight = used / shownRows;
        Assert.True(shownRows >= available || room < rowHeight * 1.05, $"{shownRows} of {available} entries shown with {room:F0}px left (a row is {rowHeight:F0}px)");
        if (width == 1920 && height == 1080) Assert.True(shownRows > 3, $"only {shownRows} ticker entries at 1920x1080");
    }
}
