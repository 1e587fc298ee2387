using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cascade.Tests.Support;
using Microsoft.Playwright;

namespace Cascade.Tests.E2E;

/// <summary>The wall page in Debian's Chromium against the real product in a child process.</summary>
[Collection(Serial.Name)]
public sealed class WallPageTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private readonly int _port = FreePort.Next();
    private WebProcess? _server;

    private string Database => _folder.File("cascade.db");
    private string? _kiosk;
    private string WallUrl => $"http://127.0.0.1:{_port}/wall?unit=kjt&depth=2&kiosk={_kiosk}";

    public async Task InitializeAsync()
    {
        _server = await StartServer();
        _kiosk = await NewKiosk();
    }

    /// <summary>A kiosk token for the root at depth 2, made by the admin.</summary>
    private async Task<string> NewKiosk()
    {
        var response = await _server!.Client.PostAsJsonAsync("/api/v1/kiosks", new { name = "测试大屏", unitId = "kjt", depth = 2 });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private Task<WebProcess> StartServer() => WebProcess.StartAsync(_folder.Path, Database, _port, "--Cascade:Demo:Seed=true");

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _folder.Dispose();
    }

    private static ILocator Tile(IPage page, string unitId) => page.Locator($".tile[data-unit='{unitId}']");

    // As the page rounds: Math.round, halves up.
    private static string Percent(double? fraction) => fraction is { } f ? $"{Math.Floor(f * 100 + 0.5)}%" : "—";

    private async Task<JsonElement> Summary(string unitId) =>
        await _server!.Client.GetFromJsonAsync<JsonElement>($"/api/v1/units/{unitId}/summary");

    [Fact]
    public async Task The_demo_wall_renders_the_department_its_branches_and_their_health()
    {
        var page = await chromium.NewPage();
        await page.GotoAsync(WallUrl);
        await Assertions.Expect(page.Locator("#org-name")).ToHaveTextAsync("宁夏回族自治区科学技术厅");
        await Assertions.Expect(page.Locator("#cover")).ToBeHiddenAsync();
        var branches = await _server!.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/units?parent=jgdw");
        foreach (var branch in branches!)
        {
            var id = branch.GetProperty("id").GetString()!;
            var health = (await Summary(id)).GetProperty("health").GetString()!;
            await Assertions.Expect(Tile(page, id)).ToHaveAttributeAsync("data-health", health);
        }
        // The demo's open alerts: counted by severity in the header, a glyph on each tile that has some.
        var alerts = (await _server.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/alerts?unit=kjt&subtree=true"))!;
        Assert.NotEmpty(alerts);
        await Assertions.Expect(page.Locator("#org-alerts .red")).ToHaveTextAsync($"✕ {alerts.Count(a => a.GetProperty("severity").GetString() == "red")}");
        await Assertions.Expect(page.Locator("#org-alerts .amber")).ToHaveTextAsync($"! {alerts.Count(a => a.GetProperty("severity").GetString() == "amber")}");
        foreach (var branch in branches!)
        {
            var id = branch.GetProperty("id").GetString()!;
            var open = (await Summary(id)).GetProperty("openAlerts").GetInt32();
            if (open > 0) await Assertions.Expect(Tile(page, id)).ToHaveAttributeAsync("data-alerts", open.ToString());
            else await Assertions.Expect(Tile(page, id)).Not.ToHaveAttributeAsync("data-alerts", new Regex("."));
        }
        await Assertions.Expect(page.Locator("#clock-time")).ToHaveTextAsync(new Regex(@"^\d\d:\d\d:\d\d$"));
        Assert.Equal(0, await page.EvaluateAsync<int>("document.documentElement.scrollHeight - window.innerHeight"));
    }

    [Fact]
    public async Task A_task_update_through_the_api_changes_the_right_tile_within_a_second()
    {
        var page = await chromium.NewPage();
        await page.GotoAsync(WallUrl);
        var tile = Tile(page, "zypz");
        await Assertions.Expect(tile).ToBeVisibleAsync();

        var tasks = await _server!.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/units/zypz/tasks");
        var task = tasks!.Where(t => t.GetProperty("track").GetString() == "party" && t.GetProperty("status").GetString() != "done")
            .OrderByDescending(t => t.GetProperty("weight").GetDouble()).First();
        var response = await _server.Client.PatchAsJsonAsync($"/api/v1/units/zypz/tasks/{task.GetProperty("id").GetString()}", new { progress = 100 });
        response.EnsureSuccessStatusCode();
        var expected = Percent((await Summary("zypz")).GetProperty("party").GetProperty("progress").GetDouble());

        await Assertions.Expect(tile.Locator(".track.party .track-value")).ToHaveTextAsync(expected, new() { Timeout = 1000 });
    }

    [Fact]
    public async Task Losing_the_server_shows_the_banner_and_a_restart_clears_it_with_the_servers_state()
    {
        var page = await chromium.NewPage();
        await page.GotoAsync(WallUrl);
        await Assertions.Expect(Tile(page, "bgs")).ToBeVisibleAsync();

        await _server!.KillAsync();
        var banner = page.Locator("#banner");
        await Assertions.Expect(banner).ToBeVisibleAsync(new() { Timeout = 5000 });
        await Assertions.Expect(banner).ToContainTextAsync("连接中断");

        await _server.DisposeAsync();
        _server = await StartServer();
        await Assertions.Expect(banner).ToBeHiddenAsync(new() { Timeout = 30_000 });

        var task = (await _server.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/units/bgs/tasks"))!
            .First(t => t.GetProperty("track").GetString() == "business" && t.GetProperty("status").GetString() != "done");
        (await _server.Client.PatchAsJsonAsync($"/api/v1/units/bgs/tasks/{task.GetProperty("id").GetString()}", new { progress = 100 })).EnsureSuccessStatusCode();
        foreach (var id in new[] { "bgs", "gxjs", "ltx" })
        {
            var summary = await Summary(id);
            var party = summary.GetProperty("party").GetProperty("progress");
            var business = summary.GetProperty("business").GetProperty("progress");
            var tile = Tile(page, id);
            await Assertions.Expect(tile.Locator(".track.party .track-value"))
                .ToHaveTextAsync(Percent(party.ValueKind == JsonValueKind.Null ? null : party.GetDouble()), new() { Timeout = 5000 });
            await Assertions.Expect(tile.Locator(".track.business .track-value"))
                .ToHaveTextAsync(Percent(business.ValueKind == JsonValueKind.Null ? null : business.GetDouble()), new() { Timeout = 5000 });
            await Assertions.Expect(tile).ToHaveAttributeAsync("data-health", summary.GetProperty("health").GetString()!);
        }
    }

    [Theory]
    [InlineData("unit=kjt&depth=3", "此展示链接只能显示 {0} 及以下 2 层")]
    [InlineData("unit=jgdw&depth=2&lang=en", "This kiosk link shows only {0} and 2 levels below it")]
    public async Task A_kiosk_link_changed_to_ask_for_more_says_what_it_allows_and_does_not_retry(string view, string allowed)
    {
        var root = await _server!.Client.GetFromJsonAsync<JsonElement>("/api/v1/units/kjt");
        var watches = 0;
        var page = await chromium.NewPage();
        await page.RouteWebSocketAsync(new Regex("/hubs/wall"), socket =>
        {
            var hub = socket.ConnectToServer();
            socket.OnMessage(frame =>
            {
                if (frame.Text is { } text && text.Contains("\"Watch\"", StringComparison.Ordinal)) Interlocked.Increment(ref watches);
                if (frame.Text is { } sent) hub.Send(sent);
                else hub.Send(frame.Binary!);
            });
        });

        await page.GotoAsync($"http://127.0.0.1:{_port}/wall?{view}&kiosk={_kiosk}");

        await Assertions.Expect(page.Locator("#cover .cover-title")).ToHaveTextAsync(string.Format(allowed, root.GetProperty("name").GetString()));
        await Assertions.Expect(page.Locator("#cover")).ToHaveClassAsync(new Regex("error"));
        await Assertions.Expect(page.Locator("#cover .cover-note")).Not.ToContainTextAsync(new Regex("重试|[Rr]etry"));
        Assert.Equal(1, Volatile.Read(ref watches));
        if (Environment.GetEnvironmentVariable("CASCADE_SCREENSHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"wall-refusal-{(view.Contains("lang=en") ? "en" : "zh")}.png") });
    }

    [Fact]
    public async Task An_unknown_unit_in_the_url_shows_a_clear_message()
    {
        var page = await chromium.NewPage();
        await page.GotoAsync($"http://127.0.0.1:{_port}/wall?unit=no-such-unit&kiosk={_kiosk}");
        await Assertions.Expect(page.Locator("#cover")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#cover")).ToContainTextAsync("no-such-unit");
    }

    [Fact]
    public async Task Without_a_kiosk_link_a_person_signs_in_and_comes_back_to_the_wall()
    {
        var page = await chromium.NewPage();
        await page.GotoAsync($"http://127.0.0.1:{_port}/wall?unit=kjt&depth=2");
        await page.WaitForURLAsync(new Regex("/login\\?returnUrl="));
        await Assertions.Expect(page.Locator(".tile")).ToHaveCountAsync(0);
        await page.FillAsync("input[name=username]", "admin");
        await page.FillAsync("input[name=password]", "not-the-password");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator(".error")).ToContainTextAsync("用户名或密码错误");
        await page.FillAsync("input[name=username]", "admin");
        await page.FillAsync("input[name=password]", WebProcess.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Regex("/wall\\?unit=kjt&depth=2$"));
        await Assertions.Expect(page.Locator("#cover")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#org-name")).ToHaveTextAsync("宁夏回族自治区科学技术厅");
    }

    [Fact]
    public async Task Revoking_the_kiosk_takes_the_wall_down_within_ten_seconds()
    {
        var page = await chromium.NewPage();
        await page.GotoAsync(WallUrl);
        await Assertions.Expect(page.Locator("#cover")).ToBeHiddenAsync();
        var id = _kiosk!.Split('.')[0];
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await _server!.Client.DeleteAsync($"/api/v1/kiosks/{id}")).StatusCode);
        await Assertions.Expect(page.Locator("#cover")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#cover")).ToContainTextAsync("展示链接");
    }
}
