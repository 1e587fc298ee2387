using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Cascade.Tests.E2E;

/// <summary>
/// Silences (静默) on the ledger and the workbench in Debian's Chromium: the 静默 form on an alert
/// row places one (with the climb stopped for an editor of the unit above), the row then carries
/// 静默至 and the 静默列表 lists it with 结束, which ends it; every part fits 1366x768 and a
/// 375x667 phone with nothing cut. Screenshots go to the temp folder's cascade-ledger/.
/// </summary>
[Collection(Serial.Name)]
public sealed class SilencePageTests(Chromium chromium, WorkbenchServer server) : IClassFixture<Chromium>, IClassFixture<WorkbenchServer>
{
    private readonly WorkbenchBrowser _browser = new(chromium, server);

    private async Task<JsonElement> Alert(string branch, string rule) =>
        (await server.Admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/alerts?unit={branch}"))!.Single(a => a.GetProperty("rule").GetString() == rule);

    /// <summary>Saves a screenshot after checking that the page fits its width and that no label, badge or button is cut.</summary>
    private static async Task Screenshot(IPage page, string name)
    {
        Directory.CreateDirectory(LedgerPageTests.Screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(LedgerPageTests.Screenshots, name), FullPage = true });
        Assert.Equal(0, await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth"));
        var cut = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll(
              '.alert-head > *, .alert-silenced *, .silence-form *, .silence-open, .silences *')]
            .filter((e) => e.offsetParent !== null && e.children.length === 0 && e.tagName !== 'INPUT'
              && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1))
            .map((e) => `${e.id || e.className}: ${e.textContent}`)");
        Assert.True(cut.Length == 0, $"{name}: cut {string.Join(" | ", cut)}");
    }

    [Fact]
    public async Task An_editor_above_silences_an_alert_with_its_climb_stopped_sees_it_marked_and_listed_then_ends_it()
    {
        var branch = await server.Branch("科技监督与诚信建设党支部");
        var year = DateTime.UtcNow.Year;
        await server.Task(branch, "late", "年度党建工作计划", "party", start: $"{year - 1}-01-01", due: $"{year - 1}-02-01");
        await Support.Eventually.True(async () => (await server.Admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/alerts?unit={branch}"))!
            .Any(a => a.GetProperty("rule").GetString() == "taskOverdue"), "the overdue alert");
        var alertId = (await Alert(branch, "taskOverdue")).GetProperty("id").GetString()!;
        var editor = await server.Editor(WorkbenchServer.Committee, "机关党委委员");

        var page = await _browser.NewPage(new() { Width = 1366, Height = 768 });
        await _browser.SignIn(page, editor, $"/app/alerts?unit={branch}");
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-loaded", "true");
        await Assertions.Expect(page.Locator("#silences .empty-note")).ToHaveTextAsync("没有生效中的静默");
        var row = page.Locator($"#ledger-list > .alert[data-alert='{alertId}']");
        await Assertions.Expect(row.Locator(".alert-silenced")).ToBeHiddenAsync();

        await row.Locator(".silence-open").ClickAsync();
        var form = row.Locator(".silence-form");
        await Assertions.Expect(form).ToBeVisibleAsync();
        await Assertions.Expect(form).ToContainTextAsync("同时暂停升级"); // an editor of the unit above may stop the climb
        await Assertions.Expect(form).ToContainTextAsync("仅此规则：任务逾期");
        await Screenshot(page, "silence-form-1366x768.png");
        // No reason: the form says so and nothing is placed.
        await form.Locator(".silence-save").ClickAsync();
        await Assertions.Expect(row.Locator(".message.error")).ToHaveTextAsync("请填写静默原因");
        await form.Locator(".silence-reason-input").FillAsync("支部换届选举期间，整改计划已报");
        await form.Locator(".silence-check").Filter(new() { HasText = "同时暂停升级" }).Locator("input").CheckAsync();
        await form.Locator(".silence-save").ClickAsync();

        await Assertions.Expect(row.Locator(".alert-silenced")).ToBeVisibleAsync();
        await Assertions.Expect(row.Locator(".alert-silenced")).ToContainTextAsync("静默至");
        var alert = await Alert(branch, "taskOverdue");
        Assert.True(alert.GetProperty("silenced").GetBoolean());
        var silence = (await server.Admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/silences?unit={branch}"))!.Single();
        Assert.Equal(("taskOverdue", true, false, "支部换届选举期间，整改计划已报"), (silence.GetProperty("rule").GetString(),
            silence.GetProperty("stopClimb").GetBoolean(), silence.GetProperty("subtree").GetBoolean(), silence.GetProperty("reason").GetString()));
        // One day ahead by default, in the browser's clock.
        var until = silence.GetProperty("until").GetDateTimeOffset() - silence.GetProperty("createdAt").GetDateTimeOffset();
        Assert.InRange(until, TimeSpan.FromHours(23), TimeSpan.FromHours(25));
        var listed = page.Locator($"#silences .silence[data-silence='{silence.GetProperty("id").GetString()}']");
        await Assertions.Expect(listed).ToContainTextAsync("暂停升级");
        await Assertions.Expect(listed).ToContainTextAsync("机关党委委员：支部换届选举期间");
        await Screenshot(page, "silence-1366x768.png");

        // On a phone: the folded row keeps the mark, the open one says until when.
        await page.SetViewportSizeAsync(375, 667);
        await Assertions.Expect(row.Locator(".alert-silenced .short")).ToHaveTextAsync("静默");
        await row.Locator(".alert-head").ClickAsync();
        await Assertions.Expect(row.Locator(".alert-silence-line")).ToContainTextAsync("静默至");
        await row.Locator(".silence-open").ClickAsync();
        await Assertions.Expect(row.Locator(".silence-form")).ToBeVisibleAsync();
        await Screenshot(page, "silence-375x667.png");
        await row.Locator(".silence-cancel").ClickAsync();

        // The workbench of the branch marks it the same way.
        var bench = await _browser.NewPage(new() { Width = 1366, Height = 768 });
        await _browser.SignIn(bench, editor, $"/app?unit={branch}");
        await Assertions.Expect(bench.Locator($"#alerts .alert[data-alert='{alertId}'] .alert-silenced")).ToContainTextAsync("静默至");

        // 结束: the silence ends, the mark goes.
        await page.SetViewportSizeAsync(1366, 768);
        await listed.Locator(".silence-end").ClickAsync();
        await Assertions.Expect(page.Locator("#silences .silence")).ToHaveCountAsync(0);
        await Assertions.Expect(row.Locator(".alert-silenced")).ToBeHiddenAsync();
        Assert.False((await Alert(branch, "taskOverdue")).GetProperty("silenced").GetBoolean());
        _browser.NoViolations();
    }
}
