using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cascade.Tests.Support;
using Microsoft.Playwright;

namespace Cascade.Tests.E2E;

/// <summary>
/// This period's duties on the wall (the summary's <c>duties</c>): each tile of a unit that has
/// any shows held / due, green only when all are held, none on a unit without duties; the watched
/// unit's figures stand in the header. Drawn from the snapshot and kept up by the hub's
/// <c>summaries</c> messages. One demo server for the class.
/// </summary>
[Collection(Serial.Name)]
public sealed class WallDutiesPageTests(Chromium chromium, WallDutiesPageTests.Server server) : IClassFixture<Chromium>, IClassFixture<WallDutiesPageTests.Server>
{
    public sealed class Server : IAsyncLifetime
    {
        private readonly TempDirectory _folder = new();
        public WebProcess Web { get; private set; } = null!;
        public string Kiosk { get; private set; } = "";

        public async Task InitializeAsync()
        {
            Web = await WebProcess.StartAsync(_folder.Path, _folder.File("cascade.db"), "--Cascade:Demo:Seed=true");
            var response = await Web.Client.PostAsJsonAsync("/api/v1/kiosks", new { name = "测试大屏", unitId = "kjt", depth = 2 });
            response.EnsureSuccessStatusCode();
            Kiosk = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        }

        public async Task DisposeAsync()
        {
            if (Web is not null) await Web.DisposeAsync();
            _folder.Dispose();
        }
    }

    private HttpClient Client => server.Web.Client;

    private string WallUrl(string lang = "zh") => $"{server.Web.Address}wall?unit=kjt&depth=2&kiosk={server.Kiosk}{(lang == "en" ? "&lang=en" : "")}";

    private static ILocator Chip(IPage page, string unitId) => page.Locator($".tile[data-unit='{unitId}'] .duties");

    private async Task<(int Due, int Done)> Duties(string unitId)
    {
        var duties = (await Client.GetFromJsonAsync<JsonElement>($"/api/v1/units/{unitId}/summary")).GetProperty("duties");
        return (duties.GetProperty("due").GetInt32(), duties.GetProperty("done").GetInt32());
    }

    private async Task<IPage> Open(string lang = "zh")
    {
        var page = await chromium.NewPage();
        await page.GotoAsync(WallUrl(lang));
        await Assertions.Expect(page.Locator("#cover")).ToBeHiddenAsync(new() { Timeout = 15_000 });
        return page;
    }

    [Fact]
    public async Task Every_tile_with_duties_shows_held_of_due_from_the_snapshot_and_the_header_the_whole_department()
    {
        var page = await Open();
        var branches = (await Client.GetFromJsonAsync<JsonElement[]>("/api/v1/units?parent=jgdw"))!.Select(b => b.GetProperty("id").GetString()!).ToList();
        var withDuties = 0;
        foreach (var id in branches)
        {
            var (due, done) = await Duties(id);
            var chip = Chip(page, id);
            if (due == 0)
            {
                await Assertions.Expect(chip).ToBeHiddenAsync(); // the 党总支 holds none of the branches' duties
                continue;
            }
            withDuties++;
            await Assertions.Expect(chip).ToHaveAttributeAsync("data-due", due.ToString());
            await Assertions.Expect(chip).ToHaveAttributeAsync("data-done", done.ToString());
            await Assertions.Expect(chip).ToHaveTextAsync(new Regex($"^(组织生活 )?{done}/{due}$"));
            if (done == due) await Assertions.Expect(chip).ToHaveClassAsync(new Regex(@"\bheld\b"));
            else await Assertions.Expect(chip).Not.ToHaveClassAsync(new Regex(@"\bheld\b"));
        }
        Assert.Equal(18, withDuties);

        // 机关党委's group head and the header (the watched department) count every branch's.
        var (committeeDue, committeeDone) = await Duties("jgdw");
        await Assertions.Expect(Chip(page, "jgdw")).ToHaveTextAsync($"组织生活 {committeeDone}/{committeeDue}");
        var (rootDue, rootDone) = await Duties("kjt");
        Assert.Equal(committeeDue, rootDue);
        await Assertions.Expect(page.Locator("#org-duties")).ToHaveTextAsync($"组织生活 {rootDone}/{rootDue}");
        await Assertions.Expect(page.Locator("#org-duties")).ToHaveAttributeAsync("title", new Regex($"已开 {rootDone}，应开 {rootDue}"));
        await Assertions.Expect(page.Locator(".legend .legend-text").Last).ToHaveTextAsync("组织生活 已开/应开");
    }

    [Fact]
    public async Task Holding_the_last_duties_turns_the_chip_green_through_the_hubs_summaries()
    {
        var page = await Open("en");
        // This period's duties of one branch are held one after the other.
        var periods = (await Client.GetFromJsonAsync<JsonElement[]>("/api/v1/schedules?issuer=jgdw"))!
            .ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("period").GetString()!);
        // A green branch (its chip drawn) with some of this period's duties not held yet.
        var branch = "";
        foreach (var unit in (await Client.GetFromJsonAsync<JsonElement[]>("/api/v1/units?parent=jgdw"))!)
        {
            var summary = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/units/{unit.GetProperty("id").GetString()}/summary");
            var duties = summary.GetProperty("duties");
            if (summary.GetProperty("health").GetString() != "green" || duties.GetProperty("done").GetInt32() >= duties.GetProperty("due").GetInt32()) continue;
            branch = unit.GetProperty("id").GetString()!;
            break;
        }
        Assert.NotEqual("", branch);
        var open = (await Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/units/{branch}/tasks"))!
            .Where(t => t.GetProperty("scheduleId").GetString() is { } s && periods[s] == t.GetProperty("period").GetString()
                && t.GetProperty("status").GetString() != "done")
            .Select(t => t.GetProperty("id").GetString()!).ToList();
        Assert.NotEmpty(open);
        var (due, done) = await Duties(branch);
        var chip = Chip(page, branch);
        await Assertions.Expect(chip).ToHaveAttributeAsync("data-done", done.ToString());
        await Assertions.Expect(chip).Not.ToHaveClassAsync(new Regex(@"\bheld\b"));
        var (rootDue, rootDone) = await Duties("kjt");
        await Assertions.Expect(page.Locator("#org-duties")).ToHaveTextAsync($"Duties {rootDone}/{rootDue}");

        foreach (var id in open)
        {
            (await Client.PatchAsJsonAsync($"/api/v1/units/{branch}/tasks/{id}", new { status = "done", progress = 100 })).EnsureSuccessStatusCode();
            done++;
            await Assertions.Expect(chip).ToHaveAttributeAsync("data-done", done.ToString(), new() { Timeout = 5000 });
            if (done < due) await Assertions.Expect(chip).Not.ToHaveClassAsync(new Regex(@"\bheld\b"));
        }
        Assert.Equal(due, done);
        await Assertions.Expect(chip).ToHaveClassAsync(new Regex(@"\bheld\b"));
        await Assertions.Expect(chip).ToHaveTextAsync(new Regex($"^(Duties )?{due}/{due}$"));
        // The watched department and 机关党委 count them too.
        await Assertions.Expect(page.Locator("#org-duties")).ToHaveTextAsync($"Duties {rootDone + open.Count}/{rootDue}", new() { Timeout = 5000 });
        Assert.Equal((rootDue, rootDone + open.Count), await Duties("kjt"));
        await Assertions.Expect(Chip(page, "jgdw")).ToHaveAttributeAsync("data-done", (rootDone + open.Count).ToString());
    }

    [Theory]
    [InlineData(1366, 768)]
    [InlineData(1920, 1080)]
    [InlineData(3840, 2160)]
    [InlineData(375, 667)]
    public async Task The_duties_fit_at_every_size(int width, int height)
    {
        foreach (var lang in new[] { "zh", "en" })
        {
            var page = await WallFitPageTests.Open(chromium.Browser, WallUrl(lang), width, height);
            Directory.CreateDirectory(WallFitPageTests.Screenshots);
            await page.ScreenshotAsync(new() { Path = Path.Combine(WallFitPageTests.Screenshots, $"wall-duties-{width}x{height}-{lang}.png"), FullPage = width < 700 });
            if (width < 700) await page.ScreenshotAsync(new() { Path = Path.Combine(WallFitPageTests.Screenshots, $"wall-duties-{width}x{height}-{lang}-top.png") });
            var problems = await WallFitPageTests.Problems(page);
            Assert.True(problems.Length == 0, $"{lang}: {problems.Length} problems:\n{string.Join("\n", problems.Take(30))}");
            // Every tile's chip is drawn whole or in figures; only where even those would cut its worst reason is it left out.
            var fits = await page.Locator(".tile[data-unit] .duties[data-due]").EvaluateAllAsync<string[]>("chips => chips.map(c => c.dataset.fit ?? 'full')");
            Assert.Equal(18 + 1, fits.Length); // 18 branches and 机关党委's head
            Assert.True(fits.Count(f => f == "none") <= 2, $"chips left out: {string.Join(",", fits)}");
            var leftOut = await page.Locator(".tile[data-unit] .duties[data-fit='none']").EvaluateAllAsync<string[]>("chips => chips.map(c => c.closest('.tile-foot').title)");
            Assert.All(leftOut, title => Assert.Matches(lang == "zh" ? @"已开 \d+，应开 \d+" : @"\d+ of \d+ held", title));
            await page.Context.CloseAsync();
        }
    }

    /// <summary>
    /// Compact tiles (a committee with 48 branches): the duties follow both percentages where the
    /// tile has room for them without growing, and nothing is cut.
    /// </summary>
    [Theory]
    [InlineData(1366, 768)]
    [InlineData(1920, 1080)]
    public async Task Compact_tiles_show_the_duties_after_their_percentages_where_they_fit(int width, int height)
    {
        using var folder = new TempDirectory();
        await using var web = await WebProcess.StartAsync(folder.Path, folder.File("cascade.db"));
        async Task Post(string path, object body) => (await web.Client.PostAsJsonAsync(path, body)).EnsureSuccessStatusCode();
        await Post("/api/v1/units", new { id = "p", parentId = (string?)null, name = "自治区某厅党组", kind = "partyGroup" });
        await Post("/api/v1/units", new { id = "c", parentId = "p", name = "机关党委", kind = "organCommittee" });
        for (var i = 1; i <= 48; i++)
            await Post("/api/v1/units", new { id = $"b{i:D2}", parentId = "c", name = $"第{i}党支部", kind = "branch" });
        await Post("/api/v1/schedules", new { id = "zbwyh", issuerUnitId = "c", title = "支部委员会", track = "party", every = "month", targets = new { under = "c", kinds = new[] { "branch" } } });
        var period = (await web.Client.GetFromJsonAsync<JsonElement>("/api/v1/schedules/zbwyh")).GetProperty("period").GetString();
        for (var i = 1; i <= 48; i += 3)
            (await web.Client.PatchAsJsonAsync($"/api/v1/units/b{i:D2}/tasks/zbwyh-{period}", new { status = "done", progress = 100 })).EnsureSuccessStatusCode();
        var kiosk = await web.Client.PostAsJsonAsync("/api/v1/kiosks", new { name = "测试大屏", unitId = "c", depth = 1 });
        kiosk.EnsureSuccessStatusCode();
        var token = (await kiosk.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();

        var page = await WallFitPageTests.Open(chromium.Browser, $"{web.Address}wall?unit=c&depth=1&kiosk={token}", width, height);
        Directory.CreateDirectory(WallFitPageTests.Screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(WallFitPageTests.Screenshots, $"wall-duties-compact-{width}x{height}.png") });
        Assert.Equal("compact", await page.Locator("#tree").GetAttributeAsync("data-variant"));
        var problems = await WallFitPageTests.Problems(page);
        Assert.True(problems.Length == 0, $"{problems.Length} problems:\n{string.Join("\n", problems.Take(30))}");
        var held = page.Locator(".tile[data-unit='b01'] .duties");
        await Assertions.Expect(held).ToBeVisibleAsync();
        await Assertions.Expect(held).ToHaveAttributeAsync("data-done", "1");
        await Assertions.Expect(held).ToHaveClassAsync(new Regex(@"\bheld\b"));
        await Assertions.Expect(page.Locator(".tile[data-unit='b02'] .duties")).ToHaveAttributeAsync("data-done", "0");
        await Assertions.Expect(page.Locator("#org-duties")).ToHaveTextAsync("组织生活 16/48");
        // Drawn inside the tile, after its percentages (on their line or the next).
        var inside = await page.Locator(".tile[data-unit] .duties:visible").EvaluateAllAsync<bool[]>(
            "chips => chips.map(c => { const t = c.closest('.tile').getBoundingClientRect(), r = c.getBoundingClientRect(), p = c.closest('.tile').querySelector('.track-value').getBoundingClientRect(); return r.left >= t.left && r.right <= t.right + 1 && r.top >= p.top - 1 && r.bottom <= t.bottom + 1; })");
        Assert.NotEmpty(inside);
        Assert.All(inside, Assert.True);
    }
}
