using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Web;
using Microsoft.Playwright;

namespace Cascade.Tests.E2E;

/// <summary>
/// Schedules (例行工作) in Debian's Chromium, with one product process: 机关党委 sets a monthly duty
/// from its workbench for the branches below it; a branch sees it on its duties line (本月：…),
/// goes from there to its instance (例行 · the month, the schedule's fields read-only) and reports
/// it done; the issuer's grid of the last 12 periods shows ✓ for that branch without a reload.
/// Editing and deleting in English on a phone. Screenshots at four sizes go to
/// <c>$CASCADE_SCREENSHOTS</c> when it is set.
/// </summary>
[Collection(Serial.Name)]
public sealed class SchedulePageTests(Chromium chromium, WorkbenchServer server) : IClassFixture<Chromium>, IClassFixture<WorkbenchServer>
{
    private static readonly ViewportSize Laptop = new() { Width = 1366, Height = 768 };
    private static readonly ViewportSize Phone = new() { Width = 375, Height = 667 };
    private static readonly ViewportSize[] Sizes = [Laptop, new() { Width = 1920, Height = 1080 }, new() { Width = 3840, Height = 2160 }, Phone];
    private readonly WorkbenchBrowser _browser = new(chromium, server);

    private static async Task Shoot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("CASCADE_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
    }

    /// <summary>At every size: nothing wider than the screen, and no text of the section cut inside its box.</summary>
    private static async Task Fits(IPage page, string what)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        if (overflow > 0)
        {
            var wide = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('body *')]
                  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && ![...e.children].some(c => c.getBoundingClientRect().right > document.documentElement.clientWidth + 1))
                  .slice(0, 5).map(e => `${e.tagName}.${e.className} (${Math.round(e.getBoundingClientRect().right)}px): ${e.textContent.slice(0, 40)}`)
                """);
            Assert.Fail($"{what}: the page is {overflow}px wider than the screen: {string.Join("; ", wide)}");
        }
        var cut = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.duties *, .schedules-section *')]
              .filter(e => e.offsetParent !== null && !e.closest('.grid-scroller') && e.children.length === 0
                && getComputedStyle(e).display !== 'inline' && e.scrollWidth > e.clientWidth + 1)
              .map(e => `${e.className}: ${e.textContent}`)
            """);
        Assert.True(cut.Length == 0, $"{what}: cut text: {string.Join("; ", cut)}");
    }

    private async Task<(string First, string Second)> TwoBranches()
    {
        var first = await server.Branch("第一党支部");
        var second = await server.Branch("第二党支部");
        return (first, second);
    }

    /// <summary>Another committee with one branch, so its schedules and the first test's never share a target.</summary>
    private async Task<(string Committee, string Branch)> OtherCommittee()
    {
        var committee = Api.Id("wb-committee");
        (await server.Admin.PostAsJsonAsync(Api.Units, new { id = committee, parentId = WorkbenchServer.Root, name = "直属机关党委", kind = "organCommittee" })).EnsureSuccessStatusCode();
        var branch = Api.Id("wb-branch");
        (await server.Admin.PostAsJsonAsync(Api.Units, new { id = branch, parentId = committee, name = "第三党支部", kind = "branch" })).EnsureSuccessStatusCode();
        return (committee, branch);
    }

    [Fact]
    public async Task The_issuer_sets_a_monthly_duty_the_branch_reports_it_from_its_duties_line_and_the_grid_shows_it_held()
    {
        var (first, second) = await TwoBranches();
        var issuerEditor = await server.Editor(WorkbenchServer.Committee, "机关党委委员");
        var issuer = await _browser.NewPage(Laptop);
        await _browser.SignIn(issuer, issuerEditor, $"/app?unit={WorkbenchServer.Committee}");
        var section = issuer.Locator("#schedules");
        await Assertions.Expect(section).ToBeVisibleAsync();
        await Assertions.Expect(section.Locator(".track-name")).ToHaveTextAsync("例行工作");

        // A new schedule: the title is refused empty beside it first; then set for the branches below.
        await section.Locator(".new-schedule").ClickAsync();
        var form = section.Locator(".new-schedule-panel");
        await Assertions.Expect(form.Locator("[name=title]")).ToBeFocusedAsync();
        await Assertions.Expect(form.Locator("[name=every]")).ToHaveValueAsync("month");
        await Assertions.Expect(form.Locator("[name=dueDay]")).ToHaveValueAsync("last");
        await form.Locator(".submit").ClickAsync();
        await Assertions.Expect(form.Locator(".field-title .field-error")).ToBeVisibleAsync();
        await Assertions.Expect(form.Locator("[name=title]")).ToHaveAttributeAsync("aria-invalid", "true");
        await form.Locator("[name=title]").FillAsync("支部委员会");
        await form.Locator("[name=tags]").FillAsync("三会一课");
        await Shoot(issuer, "schedule-new-1366x768-zh.png");
        await form.Locator(".submit").ClickAsync();
        await Assertions.Expect(section.Locator(".message.ok")).ToHaveTextAsync("已下达至 2 个单位");
        var item = section.Locator(".schedule");
        await Assertions.Expect(item).ToHaveCountAsync(1);
        var schedules = (await server.Admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/schedules?issuer={WorkbenchServer.Committee}"))!;
        var schedule = Assert.Single(schedules);
        var id = schedule.GetProperty("id").GetString()!;
        var period = schedule.GetProperty("period").GetString()!;
        Assert.Equal(("month", "last", 2), (schedule.GetProperty("every").GetString(), schedule.GetProperty("dueDay").GetString(), schedule.GetProperty("targetCount").GetInt32()));
        Assert.Equal(["三会一课"], schedule.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        await Assertions.Expect(item.Locator(".schedule-cadence")).ToHaveTextAsync("每月 · 截止最后一天");
        await Assertions.Expect(item.Locator(".schedule-held")).ToHaveTextAsync("已完成 0/2");
        var month = int.Parse(period[5..]);
        await Assertions.Expect(item.Locator(".schedule-period")).ToHaveTextAsync($"本期 {period[..4]}年{month}月");

        // Opened by keyboard: the two branches by the last 12 months, this month not held yet.
        await item.Locator("summary").FocusAsync();
        await issuer.Keyboard.PressAsync("Enter");
        var grid = item.Locator(".grid-table");
        await Assertions.Expect(grid.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(grid.Locator("thead th.grid-period")).ToHaveCountAsync(12);
        await Assertions.Expect(grid.Locator("thead th.grid-period").Last).ToHaveAttributeAsync("data-period", period);
        var cell = grid.Locator($"tr[data-unit='{first}'] td[data-period='{period}']");
        await Assertions.Expect(cell).ToHaveAttributeAsync("data-state", "open");
        await Assertions.Expect(grid.Locator($"tr[data-unit='{first}'] th")).ToHaveTextAsync("第一党支部");
        Assert.Equal(11, await grid.Locator($"tr[data-unit='{first}'] td[data-state='none']").CountAsync());

        // The branch: its duties line says this month's duty; from there to its row, reported done.
        var branchEditor = await server.Editor(first);
        var branch = await _browser.NewPage(Laptop);
        await _browser.SignIn(branch, branchEditor, $"/app?unit={first}");
        var line = branch.Locator(".duties .duty-line[data-kind='month']");
        await Assertions.Expect(line.Locator(".duty-period")).ToHaveTextAsync("本月：");
        var duty = line.Locator($".duty[data-task='{id}-{period}']");
        await Assertions.Expect(duty).ToHaveTextAsync("支部委员会…");
        await Assertions.Expect(duty).ToHaveAttributeAsync("data-state", "open");
        var row = branch.Locator($".task[data-task='{id}-{period}']");
        await Assertions.Expect(row.Locator(".origin-chip")).ToHaveTextAsync($"例行 · {period[..4]}年{month}月");
        await Assertions.Expect(row.Locator(".expectation-chip")).ToBeVisibleAsync();
        await Shoot(branch, "duties-1366x768-zh.png");
        await duty.ClickAsync();
        var done = row.Locator(".status[data-status='done']");
        await Assertions.Expect(done).ToBeFocusedAsync();
        await branch.Keyboard.PressAsync("Enter");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "done");
        await Assertions.Expect(duty).ToHaveAttributeAsync("data-state", "done");
        await Assertions.Expect(duty).ToHaveTextAsync("支部委员会✓");

        // Done, it went to the folded done list; the duty leads there too. Its fields are the
        // schedule's: read-only in the editor, the issuer named, no delete.
        await Assertions.Expect(row).ToBeHiddenAsync();
        await duty.ClickAsync();
        await Assertions.Expect(done).ToBeFocusedAsync();
        await row.Locator(".edit-toggle").ClickAsync();
        var edit = row.Locator(".task-form");
        await Assertions.Expect(edit.Locator(".owned-note")).ToContainTextAsync("机关党委下达的例行工作");
        foreach (var field in new[] { "title", "weight", "start", "due" })
            await Assertions.Expect(edit.Locator($"[name={field}]")).ToHaveAttributeAsync("readonly", "");
        await Assertions.Expect(edit.Locator("[name=track]")).ToBeDisabledAsync();
        await Assertions.Expect(edit.Locator(".delete")).ToBeHiddenAsync();
        await Assertions.Expect(edit.Locator("[name=tags]")).ToBeFocusedAsync();
        await branch.Keyboard.PressAsync("Escape");

        // The issuer's grid and roll-up follow through the hub.
        await Assertions.Expect(cell).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 10_000 });
        await Assertions.Expect(cell).ToContainTextAsync("✓");
        await Assertions.Expect(grid.Locator($"tr[data-unit='{second}'] td[data-period='{period}']")).ToHaveAttributeAsync("data-state", "open");
        await Assertions.Expect(item.Locator(".schedule-held")).ToHaveTextAsync("已完成 1/2");

        foreach (var size in Sizes)
        {
            await issuer.SetViewportSizeAsync(size.Width, size.Height);
            await branch.SetViewportSizeAsync(size.Width, size.Height);
            await Shoot(issuer, $"schedules-{size.Width}x{size.Height}-zh.png");
            await Shoot(branch, $"duties-{size.Width}x{size.Height}-zh.png");
            // The grid keeps this period in view, also narrow: the cell lies within its scroller's box
            // once the page has laid itself out anew (a resize observer scrolls it, at the next frame).
            await Support.Eventually.True(() => cell.EvaluateAsync<bool>("""
                c => { const s = c.closest('.grid-scroller').getBoundingClientRect(), r = c.getBoundingClientRect(); return r.left >= s.left - 1 && r.right <= s.right + 1; }
                """), $"this period's cell is scrolled into the grid at {size.Width}x{size.Height}", TimeSpan.FromSeconds(5));
            await Fits(issuer, $"the issuer at {size.Width}x{size.Height}");
            await Fits(branch, $"the branch at {size.Width}x{size.Height}");
        }
        _browser.NoViolations();
    }

    [Fact]
    public async Task In_english_on_a_phone_the_issuer_edits_a_schedule_and_deletes_it_and_the_instances_stay_the_branches_own()
    {
        var (committee, first) = await OtherCommittee();
        var created = await server.Admin.PostAsJsonAsync("/api/v1/schedules", new
        {
            issuerUnitId = committee, title = "党课", track = "party", every = "quarter", dueDay = 15,
            targets = new { unitIds = new[] { first } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var schedule = (await created.Content.ReadFromJsonAsync<JsonElement>())!;
        var id = schedule.GetProperty("id").GetString()!;
        var instance = $"{id}-{schedule.GetProperty("period").GetString()}";

        var branch = await _browser.NewPage(Phone);
        await _browser.SignIn(branch, await server.Editor(first), $"/app?unit={first}&lang=en");
        var line = branch.Locator(".duties .duty-line[data-kind='quarter']");
        await Assertions.Expect(line.Locator(".duty-period")).ToHaveTextAsync("This quarter:");
        await Assertions.Expect(line.Locator($".duty[data-task='{instance}']")).ToContainTextAsync("党课");
        await Assertions.Expect(branch.Locator($".task[data-task='{instance}'] .origin-chip")).ToContainTextAsync("Recurring · Q");
        await Shoot(branch, "duties-375x667-en.png");
        await Fits(branch, "the branch in English on a phone");

        var page = await _browser.NewPage(Phone);
        await _browser.SignIn(page, await server.Editor(committee), $"/app?unit={committee}&lang=en");
        var item = page.Locator($".schedule[data-schedule='{id}']");
        await Assertions.Expect(item.Locator(".schedule-cadence")).ToHaveTextAsync("Quarterly · due on day 15 of the last month");
        // Two quarters before it, as the units would answer them: one held, one not (its quarter over).
        var quarter = schedule.GetProperty("period").GetString()!;
        var year = int.Parse(quarter[..4]);
        var index = quarter[^1] - '0';
        string Before(int steps) { var flat = year * 4 + index - 1 - steps; return $"{flat / 4}-q{flat % 4 + 1}"; }
        foreach (var (period, status) in new[] { (Before(1), "inProgress"), (Before(2), "done") })
            await page.RouteAsync($"**/api/v1/schedules/{id}/instances?period={period}*", route => route.FulfillAsync(new()
            {
                ContentType = "application/json",
                Body = JsonSerializer.Serialize(new { period, instances = new[] { new { unitId = first, unitName = "第三党支部", status, progress = status == "done" ? 100 : 50, overdue = status != "done" } }, next = (string?)null }),
            }));
        await item.Locator("summary").ClickAsync();
        var cells = item.Locator($".grid-table tr[data-unit='{first}'] td");
        await Assertions.Expect(item.Locator(".grid-table tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(cells.Locator($"xpath=self::*[@data-period='{Before(1)}']")).ToHaveAttributeAsync("data-state", "overdue");
        await Assertions.Expect(cells.Locator($"xpath=self::*[@data-period='{Before(1)}']")).ToContainTextAsync("✗");
        await Assertions.Expect(cells.Locator($"xpath=self::*[@data-period='{Before(2)}']")).ToHaveAttributeAsync("data-state", "done");
        await Assertions.Expect(cells.Locator($"xpath=self::*[@data-period='{quarter}']")).ToHaveAttributeAsync("data-state", "open");
        Assert.Equal(9, await item.Locator($".grid-table tr[data-unit='{first}'] td[data-state='none']").CountAsync());
        var oldest = Before(11); // the 12 columns run from 11 quarters before this one, labelled "Q3 24"
        await Assertions.Expect(item.Locator(".grid-period").First).ToHaveTextAsync($"Q{oldest[^1]} {oldest[2..4]}");
        await item.Locator(".edit-schedule").ClickAsync();
        var form = item.Locator(".schedule-form");
        await Assertions.Expect(form.Locator("[name=title]")).ToBeFocusedAsync();
        await Assertions.Expect(form.Locator("[name=every]")).ToBeDisabledAsync();
        await form.Locator("[name=title]").FillAsync("党课（专题）");
        await form.Locator("[name=dueDay]").SelectOptionAsync("last");
        await Shoot(page, "schedule-edit-375x667-en.png");
        await Fits(page, "the issuer's edit form in English on a phone");
        await form.Locator(".submit").ClickAsync();
        await Assertions.Expect(item.Locator(".schedule-title")).ToHaveTextAsync("党课（专题）");
        await Assertions.Expect(item.Locator(".schedule-cadence")).ToHaveTextAsync("Quarterly · due on the last day");
        var task = await server.GetTask(first, instance);
        Assert.Equal("党课（专题）", task.GetProperty("title").GetString());

        await item.Locator(".delete-schedule").ClickAsync();
        await Assertions.Expect(item.Locator(".confirm-text")).ToContainTextAsync("stay with each branch as its own tasks");
        await Assertions.Expect(item.Locator(".confirm-no")).ToBeFocusedAsync();
        await item.Locator(".confirm-yes").ClickAsync();
        await Assertions.Expect(page.Locator(".schedule")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#schedules > .message")).ToContainTextAsync("deleted");
        Assert.Equal(HttpStatusCode.NotFound, (await server.Admin.GetAsync($"/api/v1/schedules/{id}")).StatusCode);
        task = await server.GetTask(first, instance);
        Assert.False(task.GetProperty("copy").GetBoolean());
        _browser.NoViolations();
    }
}
