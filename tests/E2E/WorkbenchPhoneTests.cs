using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Cascade.Tests.E2E;

/// <summary>
/// The workbench on a secretary's phone (375x667) puts the work first: the tasks to do start on
/// the first screen, overdue then blocked then by due date, done ones folded after them; people
/// by display name; labels that do not wrap. Screenshots of the phone and a laptop in both
/// languages go to <c>$CASCADE_SCREENSHOTS</c> when it is set (docs/workbench-phone.png is one).
/// </summary>
[Collection(Serial.Name)]
public sealed class WorkbenchPhoneTests(Chromium chromium, WorkbenchServer server) : IClassFixture<Chromium>, IClassFixture<WorkbenchServer>
{
    private static readonly ViewportSize Phone = new() { Width = 375, Height = 667 };
    private static readonly ViewportSize Laptop = new() { Width = 1366, Height = 768 };

    private readonly WorkbenchBrowser _browser = new(chromium, server);

    /// <summary>A branch with one task of each kind: done, on time, blocked and overdue (in that order of creation).</summary>
    private async Task<(string Branch, string Editor)> BranchWithWork()
    {
        var branch = await server.Branch("成果转化与区域创新处党支部");
        var year = DateTime.UtcNow.Year;
        await server.Task(branch, "done", "上半年党费收缴", "party", $"{year}-01-01", $"{year}-01-31");
        (await server.Admin.PatchAsJsonAsync($"/api/v1/units/{branch}/tasks/done", new { status = "done" })).EnsureSuccessStatusCode();
        await server.Task(branch, "later", "区域创新体系建设", "business");
        await server.Task(branch, "stuck", "科技成果转化平台对接", "business", due: $"{year + 2}-06-30");
        (await server.Admin.PatchAsJsonAsync($"/api/v1/units/{branch}/tasks/stuck", new { status = "blocked", note = "等待合作单位回复" })).EnsureSuccessStatusCode();
        await server.Task(branch, "late", "上半年组织生活会", "party", "2020-01-01", "2020-06-30");
        return (branch, await server.Editor(branch, "成果转化处党支部书记"));
    }

    /// <summary>Tasks as the API will carry them with display names: the page must show those, and 系统 for the system.</summary>
    private static Task WithDisplayNames(IPage page) => page.RouteAsync(new Regex("/api/v1/units/[^/]+/tasks$"), async route =>
    {
        var answer = await route.FetchAsync();
        var tasks = JsonNode.Parse(await answer.TextAsync())!.AsArray();
        foreach (var task in tasks)
        {
            if ((string?)task!["updatedBy"] == "admin") task["updatedByName"] = "系统管理员";
            if ((string?)task["id"] == "stuck") task["updatedByName"] = "办公室党支部书记";
            if ((string?)task["id"] == "later") (task["updatedBy"], task["updatedByName"]) = ("system", null);
        }
        await route.FulfillAsync(new RouteFulfillOptions { Response = answer, Body = tasks.ToJsonString() });
    });

    private static async Task Shoot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("CASCADE_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = false });
    }

    [Fact]
    public async Task On_a_phone_the_first_task_is_on_the_first_screen_and_the_work_comes_before_what_is_done()
    {
        var (branch, editor) = await BranchWithWork();
        var page = await _browser.NewPage(Phone);
        await WithDisplayNames(page);
        await _browser.SignIn(page, editor, "/app");
        await Shoot(page, "workbench-375x667-zh.png");

        var first = page.Locator(".task").First;
        await Assertions.Expect(first).ToHaveAttributeAsync("data-task", "late");
        var box = (await first.BoundingBoxAsync())!;
        Assert.True(box.Y + Math.Min(box.Height, 120) <= Phone.Height, $"the first task row starts at {box.Y} px, below the first screen");
        // Overdue, then blocked, then by due date; the done one after all of them, folded.
        var order = await page.Locator(".task").EvaluateAllAsync<string[]>("all => all.map((t) => t.dataset.task)");
        Assert.Equal(["late", "stuck", "later", "done"], order);
        await Assertions.Expect(page.Locator(".done-tasks .task[data-task='done']")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".done-tasks .track-count")).ToHaveTextAsync("1 项");
        await page.Locator(".done-tasks > summary").TapAsync();
        await Assertions.Expect(page.Locator(".task[data-task='done']")).ToBeVisibleAsync();

        // The summary is one line that opens into the cards.
        await Assertions.Expect(page.Locator("#figures")).ToBeHiddenAsync();
        var line = (await page.Locator("#summary-line").BoundingBoxAsync())!;
        Assert.True(line.Height <= 60, $"the summary line is {line.Height} px high");
        await Assertions.Expect(page.Locator("#line-figures [data-line='overdue']")).ToHaveTextAsync("逾期 1");
        await page.Locator("#summary-line").TapAsync();
        await Assertions.Expect(page.Locator("[data-figure='overdue']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#summary-line")).ToHaveAttributeAsync("aria-expanded", "true");

        // People by display name, the system as 系统.
        await Assertions.Expect(page.Locator(".task[data-task='stuck'] .updated")).ToContainTextAsync("办公室党支部书记 更新于");
        await Assertions.Expect(page.Locator(".task[data-task='later'] .updated")).ToContainTextAsync("系统 更新于");
        await Assertions.Expect(page.Locator(".task[data-task='later'] .updated")).Not.ToContainTextAsync("system");
        await NoLabelWraps(page);
        await NoSidewaysScrolling(page);
        _browser.NoViolations();
    }

    private static async Task NoSidewaysScrolling(IPage page)
    {
        var wide = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
              .map((e) => `${e.tagName}.${e.className}: ${Math.round(e.getBoundingClientRect().right)} px`)
            """);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "sideways scrolling: " + string.Join("; ", wide));
    }

    /// <summary>No short label (a figure's name, a flag, a status, a count) is broken over two lines.</summary>
    private static async Task NoLabelWraps(IPage page)
    {
        var wrapped = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.figure-label, .figure-value, .line-figure, .health-label, .flag, .status-chip, .track-chip, .track-count, .track-name, .alert-badge')]
              .filter((e) => e.getClientRects().length > 0 && e.textContent.trim().length > 0)
              .filter((e) => { const r = document.createRange(); r.selectNodeContents(e); return r.getClientRects().length > 1 || e.scrollWidth > e.clientWidth + 1; })
              .map((e) => `${e.className}: ${e.textContent}`)
            """);
        Assert.True(wrapped.Length == 0, "wrapped or cut: " + string.Join("; ", wrapped));
        var overflowing = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.figure, .summary-line, .task-meta, .alert-head')]
              .filter((e) => e.getClientRects().length > 0 && e.scrollWidth > e.clientWidth + 1)
              .map((e) => `${e.className}: ${e.textContent}`)
            """);
        Assert.True(overflowing.Length == 0, "content wider than its box: " + string.Join("; ", overflowing));
    }

    [Theory]
    [InlineData(375, 667, "en")]
    [InlineData(1366, 768, "zh")]
    [InlineData(1366, 768, "en")]
    public async Task Every_size_and_language_keeps_labels_whole_and_counts_tasks_in_words(int width, int height, string lang)
    {
        var (_, editor) = await BranchWithWork();
        var page = await _browser.NewPage(new ViewportSize { Width = width, Height = height });
        await _browser.SignIn(page, editor, $"/app?lang={lang}");
        await page.Locator(".done-tasks > summary").ClickAsync();
        if (width < 600) await page.Locator("#summary-line").TapAsync();

        await Assertions.Expect(page.Locator("[data-figure='overdue']")).ToBeVisibleAsync();
        await Shoot(page, $"workbench-{width}x{height}-{lang}-open.png");
        await Assertions.Expect(page.Locator(".open-tasks .track-count")).ToHaveTextAsync(lang == "en" ? "3 tasks" : "3 项");
        await Assertions.Expect(page.Locator(".done-tasks .track-count")).ToHaveTextAsync(lang == "en" ? "1 task" : "1 项");
        await NoLabelWraps(page);
        await NoSidewaysScrolling(page);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Shoot(page, $"workbench-{width}x{height}-{lang}.png");

        // The organ committee has units below: 下级 / Below is a figure too, on one line.
        await page.GotoAsync(server.Url($"/app?unit={WorkbenchServer.Committee}&lang={lang}"));
        await WorkbenchBrowser.Live(page);
        if (width < 600) await page.Locator("#summary-line").TapAsync();
        await Assertions.Expect(page.Locator("[data-figure='below'] .figure-label")).ToHaveTextAsync(lang == "en" ? "Below" : "下级");
        await Assertions.Expect(page.Locator("[data-figure='below']")).ToBeVisibleAsync();
        await NoLabelWraps(page);
        _browser.NoViolations();
    }
}
