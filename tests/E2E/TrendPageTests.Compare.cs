using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.History;
using Cascade.Tests.Support;
using Cascade.Tests.Web;
using Microsoft.Playwright;

namespace Cascade.Tests.E2E;

public sealed partial class TrendPageTests
{
    /// <summary>What the page shows for a fraction (the wall's rounding) and for a change.</summary>
    private static string Percent(double value) => $"{Math.Floor(value * 100 + 0.5)}%";

    private static string Change(double delta, bool fraction)
    {
        var words = fraction ? $"{Math.Floor(Math.Abs(delta) * 100 + 0.5)}%" : $"{Math.Abs(delta)}";
        return delta > 0 ? $"+{words}" : delta < 0 ? $"−{words}" : words;
    }

    private static IEnumerable<(string Figure, string Then, string Now, string Change)> Rows(PointFigures a, PointFigures b)
    {
        yield return ("progress", Percent(a.All.Progress!.Value), Percent(b.All.Progress!.Value), Change(Math.Round(b.All.Progress.Value - a.All.Progress.Value, 4), true));
        yield return ("expected", Percent(a.All.Expected!.Value), Percent(b.All.Expected!.Value), Change(Math.Round(b.All.Expected.Value - a.All.Expected.Value, 4), true));
        yield return ("lag", Percent(a.Lag!.Value), Percent(b.Lag!.Value), Change(Math.Round(b.Lag.Value - a.Lag.Value, 4), true));
        foreach (var (name, x, y) in new[] { ("count", a.Count, b.Count), ("done", a.Done, b.Done), ("overdue", a.Overdue, b.Overdue), ("blocked", a.Blocked, b.Blocked) })
            yield return (name, $"{x}", $"{y}", Change(y - x, false));
    }

    [Theory]
    [InlineData(1366, 768)]
    [InlineData(375, 667)]
    public async Task Then_and_now_shows_every_figure_of_two_dates_and_the_change(int width, int height)
    {
        var (thenAgo, nowAgo) = (60, 10);
        var (then, now) = (TrendServer.Today.AddDays(-thenAgo).ToString("yyyy-MM-dd"), TrendServer.Today.AddDays(-nowAgo).ToString("yyyy-MM-dd"));
        var page = await SignedIn("/app?unit=jgdw", width, height);
        if (width < 600) await page.ClickAsync("#summary-line"); // on a phone the figures and the trend open from the line
        await page.ClickAsync("#compare-link");
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");
        // Pick the two dates as a person does.
        await page.Locator("#side-from .kind").SelectOptionAsync("date");
        await page.Locator("#side-from .date").FillAsync(then);
        await page.Locator("#side-to .kind").SelectOptionAsync("date");
        await page.Locator("#side-to .date").FillAsync(now);
        await page.ClickAsync("#compare-show");
        var cards = page.Locator(".compare-unit");
        await Assertions.Expect(cards).ToHaveCountAsync(TrendServer.Units.Count - 2); // 机关党委 and its branches, less the one without history
        Assert.Equal("jgdw", await cards.First.GetAttributeAsync("data-unit"));
        await Assertions.Expect(page.Locator($".compare-unit[data-unit={TrendServer.WithoutHistory}]")).ToHaveCountAsync(0);
        Assert.EndsWith($"from=date%3A{then}&to=date%3A{now}", page.Url);

        var shown = await page.Locator(".compare-unit tbody tr").EvaluateAllAsync<string[]>(
            "rows => rows.map(r => [r.closest('.compare-unit').dataset.unit, r.dataset.figure, ...[...r.querySelectorAll('td')].map(d => d.textContent)].join('|'))");
        var byRow = shown.Select(r => r.Split('|')).ToDictionary(r => (r[0], r[1]), r => (r[2], r[3], r[4]));
        for (var i = 1; i < TrendServer.Units.Count; i++)
        {
            var unit = TrendServer.Units[i].Id;
            if (unit == TrendServer.WithoutHistory) continue;
            var (a, b) = (TrendServer.Figures(i, thenAgo), TrendServer.Figures(i, nowAgo));
            foreach (var (figure, x, y, change) in Rows(a, b))
                Assert.Equal((x, y, change), byRow[(unit, figure)]);
            Assert.Contains(a.Health.ToString() == "Red" ? "滞后" : a.Health.ToString() == "Amber" ? "关注" : "正常", byRow[(unit, "health")].Item1);
        }
        // Better and worse at a glance: more done is better, more overdue worse.
        await Assertions.Expect(page.Locator(".compare-unit[data-unit=jgdw] tr[data-figure=done] .delta")).ToHaveClassAsync("delta better");
        await Assertions.Expect(page.Locator(".compare-unit[data-unit=jgdw] tr[data-figure=overdue] .delta")).ToHaveClassAsync("delta worse");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth"), "the page scrolls sideways");
        await Screenshot(page, $"then-and-now-{width}x{height}.png", fullPage: true);
        await Screenshot(page, $"then-and-now-{width}x{height}-first-screen.png");

        // A day without history says so.
        var missing = TrendServer.Today.AddDays(-7).ToString("yyyy-MM-dd");
        await page.GotoAsync(server.Url($"/app/compare?unit=jgdw&from=date:{missing}&to=now"));
        await Assertions.Expect(page.Locator("#compare-message")).ToContainTextAsync(missing);
        await Assertions.Expect(cards).ToHaveCountAsync(0);
        Assert.True(_errors.Count == 0, string.Join("\n", _errors));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_inspection_against_now_comes_from_the_servers_comparison()
    {
        var id = Api.Id("trend-q");
        var created = await server.Web.Client.PostAsJsonAsync("/api/v1/inspections", new { id, title = "第四季度督查", period = $"{TrendServer.Today.Year}-q4", unitId = "kjt" });
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        await Eventually.True(async () => (await server.Web.Client.GetFromJsonAsync<JsonElement>($"/api/v1/inspections/{id}")).GetProperty("state").GetString() == "captured", "the inspection is captured", TimeSpan.FromSeconds(60));

        var page = await SignedIn($"/app/compare?unit=jgdw&from=insp:{id}&to=now", 1366, 768);
        var cards = page.Locator(".compare-unit");
        await Assertions.Expect(cards).ToHaveCountAsync(TrendServer.Units.Count - 1); // 机关党委 and all its branches, live
        var live = await server.Web.Client.GetFromJsonAsync<JsonElement>("/api/v1/units/jgdw/summary");
        var count = live.GetProperty("all").GetProperty("count").GetInt32();
        var row = page.Locator(".compare-unit[data-unit=jgdw] tr[data-figure=count] td");
        await Assertions.Expect(row).ToHaveTextAsync([$"{count}", $"{count}", "0"]);
        await Assertions.Expect(page.Locator("#side-from .kind")).ToHaveValueAsync("inspection");
        await Assertions.Expect(page.Locator("#side-to .kind")).ToHaveValueAsync("now");
        Assert.True(_errors.Count == 0, string.Join("\n", _errors));
        await page.Context.CloseAsync();
    }
}
