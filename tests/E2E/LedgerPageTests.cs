using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cascade.Tests.Web;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace Cascade.Tests.E2E;

/// <summary>
/// The alert ledger (督办台账) in Debian's Chromium: it lists exactly what
/// <c>GET /api/v1/alerts?unit=&amp;subtree=true</c> answers, opening on the root for an admin and
/// on the editor's own unit for an editor; filters, acknowledges inline, and exports the rows it
/// shows; fits 1366x768 and a 375x667 phone. Screenshots go to the temp folder's cascade-ledger/.
/// </summary>
[Collection(Serial.Name)]
public sealed class LedgerPageTests(Chromium chromium, WorkbenchServer server) : IClassFixture<Chromium>, IClassFixture<WorkbenchServer>
{
    private readonly WorkbenchBrowser _browser = new(chromium, server);

    public static readonly string Screenshots = Path.Combine(Path.GetTempPath(), "cascade-ledger");

    private async Task<string[]> ApiIds(string unit, Func<JsonElement, bool>? keep = null) =>
        [.. (await server.Admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/alerts?unit={unit}&subtree=true"))!
            .Where(keep ?? (_ => true))
            .OrderByDescending(a => a.GetProperty("since").GetDateTimeOffset()) // the ledger's default sort, stable
            .Select(a => a.GetProperty("id").GetString()!)];

    private static async Task<string[]> Shown(IPage page) =>
        [.. await page.Locator("#ledger-list > .alert").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.alert)")];

    private async Task<IPage> Open(string username, string path, int width, int height)
    {
        var page = await _browser.NewPage(new() { Width = width, Height = height });
        await page.GotoAsync(server.Url(path));
        await page.WaitForURLAsync(new Regex("/login\\?returnUrl="));
        await page.FillAsync("input[name=username]", username);
        await page.FillAsync("input[name=password]", WorkbenchServer.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Regex(Regex.Escape(path) + "$"));
        await Assertions.Expect(page.Locator("#cover")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-loaded", "true");
        return page;
    }

    /// <summary>A branch with an overdue task (red) and a blocked one (amber).</summary>
    private async Task<string> BranchWithAlerts(string name)
    {
        var branch = await server.Branch(name);
        var year = DateTime.UtcNow.Year;
        await server.Task(branch, "late", "年度党建工作计划", "party", start: $"{year - 1}-01-01", due: $"{year - 1}-02-01");
        await server.Task(branch, "stuck", "科研项目中期检查", "business");
        (await server.Admin.PatchAsJsonAsync(Api.Task(branch, "stuck"), new { status = "blocked" })).EnsureSuccessStatusCode();
        await Support.Eventually.True(async () => (await server.Admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/alerts?unit={branch}"))!
            .Select(a => a.GetProperty("rule").GetString()).Intersect(["taskOverdue", "taskBlocked"]).Count() == 2, "the branch's two task alerts");
        return branch;
    }

    private async Task<string> Person(string role, string displayName)
    {
        var username = Api.Id("lg-" + role);
        (await server.Admin.PostAsJsonAsync("/api/v1/users", new { username, password = WorkbenchServer.Password, displayName, role }))
            .EnsureSuccessStatusCode();
        return username;
    }

    /// <summary>Saves a screenshot after checking that the page fits its width and that no label, name or button is cut.</summary>
    private static async Task Screenshot(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name) });
        Assert.Equal(0, await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth"));
        var cut = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll(
              '.topbar *, .ledger-title, .ledger-filters label > span, .ledger-bar > *, .alert-head > *')]
            .filter((e) => e.offsetParent !== null && e.children.length === 0
              && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1))
            .map((e) => `${e.id || e.className}: ${e.textContent}`)");
        Assert.True(cut.Length == 0, $"{name}: cut {string.Join(" | ", cut)}");
    }

    [Fact]
    public async Task An_admin_opens_on_the_root_filters_acknowledges_inline_and_exports_what_the_ledger_shows()
    {
        var first = await BranchWithAlerts("科技发展战略研究党支部");
        await BranchWithAlerts("科技成果转化服务中心党支部");
        var admin = await Person("admin", "督查室管理员");

        var page = await Open(admin, "/app/alerts", 1366, 768);
        await Assertions.Expect(page.Locator("#picker")).ToHaveValueAsync(WorkbenchServer.Root);
        await Assertions.Expect(page.Locator("#ledger-title")).ToContainTextAsync("测试厅党组");
        var all = await ApiIds(WorkbenchServer.Root);
        Assert.True(all.Length >= 4, $"{all.Length} alerts");
        Assert.Equal(all, await Shown(page));
        await Assertions.Expect(page.Locator("#count")).ToContainTextAsync($"共 {all.Length} 条");
        await Screenshot(page, "ledger-1366x768.png");
        Assert.Equal(0, await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth"));
        foreach (var (width, height) in new[] { (1920, 1080), (3840, 2160) })
        {
            await page.SetViewportSizeAsync(width, height);
            await Screenshot(page, $"ledger-{width}x{height}.png");
        }
        await page.SetViewportSizeAsync(1366, 768);

        // Red ones only: the list and the address follow.
        await page.Locator("#severity").SelectOptionAsync("red");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("severity=red"));
        var red = await ApiIds(WorkbenchServer.Root, a => a.GetProperty("severity").GetString() == "red");
        Assert.Equal(red, await Shown(page));

        // Acknowledge one inline with a note: the API says so.
        var row = page.Locator("#ledger-list > .alert").Filter(new() { HasText = "年度党建工作计划" })
            .Filter(new() { HasText = "科技发展战略研究党支部" });
        await row.Locator("textarea").FillAsync("已约谈支部书记");
        // The list refreshes while the note is being typed (as a push or the 刷新 button does):
        // the field keeps the focus and what was typed, and typing goes on into it.
        await page.RunAndWaitForResponseAsync(() => page.EvaluateAsync("document.getElementById('refresh').click()"),
            r => r.Url.Contains("/api/v1/alerts?"));
        await page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
        await Assertions.Expect(row.Locator("textarea")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("，月底前补报");
        await Assertions.Expect(row.Locator("textarea")).ToHaveValueAsync("已约谈支部书记，月底前补报");
        await row.Locator("textarea").PressAsync("Enter");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "acknowledged");
        var id = await row.GetAttributeAsync("data-alert");
        var answered = (await server.Admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/alerts?unit={first}"))!.Single(a => a.GetProperty("id").GetString() == id);
        Assert.Equal(("acknowledged", "已约谈支部书记，月底前补报"), (answered.GetProperty("state").GetString(), answered.GetProperty("note").GetString()));

        // The export holds exactly the rows shown, in their order.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export").ClickAsync());
        using (var stream = File.OpenRead(await download.PathAsync()))
        {
            var rows = stream.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(await Shown(page), rows.Select(r => (string)r["预警编号"]));
            Assert.Contains(rows, r => (string)r["处理意见"] == "已约谈支部书记，月底前补报");
        }
        await page.Locator("#severity").SelectOptionAsync("");
        await Assertions.Expect(page.Locator("#ledger-list > .alert")).ToHaveCountAsync(all.Length);

        // The workbench's 预警 of the organ committee shows its whole subtree's open alerts, and links here.
        var bench = await _browser.NewPage(new() { Width = 1366, Height = 768 });
        await _browser.SignIn(bench, admin, $"/app?unit={WorkbenchServer.Committee}");
        var below = await ApiIds(WorkbenchServer.Committee);
        Assert.Contains(below, alert => alert.StartsWith(first + ".", StringComparison.Ordinal));
        await Assertions.Expect(bench.Locator("#alerts .alert")).ToHaveCountAsync(below.Length);
        await Assertions.Expect(bench.Locator("#alerts .ledger-link")).ToHaveAttributeAsync("href", $"/app/alerts?unit={WorkbenchServer.Committee}");

        // The root's ledger in English, and on a phone, where a folded row still names its unit.
        await page.GotoAsync(server.Url("/app/alerts?lang=en"));
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-loaded", "true");
        await Assertions.Expect(page.Locator("#ledger-list > .alert")).ToHaveCountAsync(all.Length);
        await Screenshot(page, "ledger-1366x768-en.png");
        await page.SetViewportSizeAsync(375, 667);
        await Assertions.Expect(page.Locator("#ledger-list > .alert .alert-unit").First).ToBeVisibleAsync();
        await Screenshot(page, "ledger-375x667-root-en.png");
        await page.GotoAsync(server.Url("/app/alerts?lang=zh"));
        await Assertions.Expect(page.Locator("#ledger-list > .alert")).ToHaveCountAsync(all.Length);
        await Screenshot(page, "ledger-375x667-root.png");
        _browser.NoViolations();
    }

    [Fact]
    public async Task An_editor_opens_on_their_own_unit_and_the_workbench_links_there_on_a_phone()
    {
        var branch = await BranchWithAlerts("离退休干部党支部");
        var editor = await server.Editor(branch, "离退休干部党支部书记");

        var bench = await _browser.NewPage(new() { Width = 375, Height = 667 });
        await _browser.SignIn(bench, editor, "/app");
        var link = bench.Locator("#alerts .ledger-link");
        await Assertions.Expect(link).ToHaveTextAsync("督办台账");
        await Assertions.Expect(bench.Locator("#alerts .alert")).ToHaveCountAsync((await ApiIds(branch)).Length);
        await link.ClickAsync();
        await bench.WaitForURLAsync(new Regex($"/app/alerts\\?unit={branch}$"));
        await Assertions.Expect(bench.Locator("body")).ToHaveAttributeAsync("data-loaded", "true");

        var page = await Open(editor, "/app/alerts", 375, 667);
        await Assertions.Expect(page.Locator("#picker")).ToHaveValueAsync(branch);
        var mine = await ApiIds(branch);
        Assert.True(mine.Length >= 2, $"{mine.Length} alerts");
        Assert.Equal(mine, await Shown(page));
        await Assertions.Expect(page.Locator("#ledger-list > .alert button.acknowledge")).ToHaveCountAsync(mine.Length);
        Assert.Equal(0, await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth"));
        await Screenshot(page, "ledger-375x667.png");

        // In English, sorted red first: the same alerts.
        await page.GotoAsync(server.Url($"/app/alerts?unit={branch}&sort=severity&lang=en"));
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-loaded", "true");
        await Assertions.Expect(page.Locator("#export")).ToHaveTextAsync("Export to Excel");
        var shown = await Shown(page);
        Assert.Equal(mine.Order(), shown.Order());
        await Assertions.Expect(page.Locator("#ledger-list > .alert").First).ToHaveClassAsync(new Regex("\\bred\\b"));
        Assert.Equal(0, await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth"));
        await Screenshot(page, "ledger-375x667-en.png");
        _browser.NoViolations();
    }
    [Fact]
    public async Task The_ledger_follows_alerts_live_a_new_one_appears_and_an_answer_from_another_client_shows_without_a_reload()
    {
        var branch = await server.Branch("科技监督评估中心党支部");
        // It starts today: nothing is behind, so the only alert is the one the test raises.
        await server.Task(branch, "live", "专项督查整改", "business",
            start: DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd"), due: DateTime.UtcNow.AddDays(365).ToString("yyyy-MM-dd"));
        var admin = await Person("admin", "督查室值班员");
        var page = await Open(admin, "/app/alerts", 1366, 768);
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-live", "true", new() { Timeout = 10000 });
        await Assertions.Expect(page.Locator("#live-state")).ToHaveTextAsync("实时");
        await page.EvaluateAsync("window.stillThisPage = true");
        var before = await Shown(page);

        // The task is reported blocked after the page loaded: its alert fires and the row appears,
        // well inside the 60 s safety-net read, so it came over the hub.
        (await server.Admin.PatchAsJsonAsync(Api.Task(branch, "live"), new { status = "blocked" })).EnsureSuccessStatusCode();
        var row = page.Locator("#ledger-list > .alert").Filter(new() { HasText = "专项督查整改" });
        await Assertions.Expect(row).ToHaveCountAsync(1, new() { Timeout = 5000 });
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "firing");
        var id = (await row.GetAttributeAsync("data-alert"))!;
        Assert.StartsWith(branch + ".", id, StringComparison.Ordinal);
        Assert.Equal(before.Length + 1, (await Shown(page)).Length);
        await Assertions.Expect(page.Locator("#count")).ToContainTextAsync($"共 {before.Length + 1} 条");

        // Another client answers it: the row turns acknowledged, with the note, in place.
        (await server.Admin.PostAsJsonAsync($"/api/v1/alerts/{id}/acknowledge", new { note = "已派员现场督办" })).EnsureSuccessStatusCode();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "acknowledged", new() { Timeout = 5000 });
        await Assertions.Expect(row).ToContainTextAsync("已派员现场督办");

        // The report that unblocks the task resolves it: the row leaves; the list is the API's again.
        (await server.Admin.PatchAsJsonAsync(Api.Task(branch, "live"), new { status = "inProgress" })).EnsureSuccessStatusCode();
        await Assertions.Expect(row).ToHaveCountAsync(0, new() { Timeout = 5000 });
        Assert.Equal(await ApiIds(WorkbenchServer.Root), await Shown(page));
        Assert.True(await page.EvaluateAsync<bool>("window.stillThisPage === true"), "the page reloaded");
        _browser.NoViolations();
    }
    [Fact]
    public async Task Deeper_than_the_hub_watches_the_ledger_reads_again_and_a_new_alert_still_shows_within_seconds()
    {
        // Seven levels below the ledger's unit: more than the hub's depth limit of 6.
        var top = await server.Branch("纵深试点党总支");
        var parent = top;
        for (var level = 1; level <= 7; level++)
        {
            var id = Api.Id($"lg-deep{level}");
            (await server.Admin.PostAsJsonAsync(Api.Units, new { id, parentId = parent, name = $"第{level}党小组", kind = "branch" })).EnsureSuccessStatusCode();
            parent = id;
        }
        await server.Task(parent, "deep", "基层调研报告", "party",
            start: DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd"), due: DateTime.UtcNow.AddDays(365).ToString("yyyy-MM-dd"));
        var admin = await Person("admin", "督查室夜班");
        var page = await Open(admin, $"/app/alerts?unit={top}", 1366, 768);
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-live", "true", new() { Timeout = 10000 });
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-watch", "deep");
        Assert.Empty(await Shown(page));

        // The alert eight levels down never reaches the hub's view: the unit's open-alert count moves and the list is read again.
        (await server.Admin.PatchAsJsonAsync(Api.Task(parent, "deep"), new { status = "blocked" })).EnsureSuccessStatusCode();
        var row = page.Locator("#ledger-list > .alert").Filter(new() { HasText = "基层调研报告" });
        await Assertions.Expect(row).ToHaveCountAsync(1, new() { Timeout = 8000 });
        Assert.Equal(await ApiIds(top), await Shown(page));

        (await server.Admin.PatchAsJsonAsync(Api.Task(parent, "deep"), new { status = "inProgress" })).EnsureSuccessStatusCode();
        await Assertions.Expect(row).ToHaveCountAsync(0, new() { Timeout = 8000 });
        _browser.NoViolations();
    }
    [Fact]
    public async Task A_unit_added_below_after_the_page_loaded_is_watched_too()
    {
        var top = await server.Branch("新建试点党支部");
        var admin = await Person("admin", "督查室白班");
        var page = await Open(admin, $"/app/alerts?unit={top}", 1366, 768);
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-live", "true", new() { Timeout = 10000 });

        // The tree grows a level under the ledger's unit: the page watches that level too, and its alert arrives live.
        var below = Api.Id("lg-new");
        (await server.Admin.PostAsJsonAsync(Api.Units, new { id = below, parentId = top, name = "新建党小组", kind = "branch" })).EnsureSuccessStatusCode();
        await server.Task(below, "new", "新建小组学习计划", "party",
            start: DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd"), due: DateTime.UtcNow.AddDays(365).ToString("yyyy-MM-dd"));
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-watch-depth", "1", new() { Timeout = 10000 });
        (await server.Admin.PatchAsJsonAsync(Api.Task(below, "new"), new { status = "blocked" })).EnsureSuccessStatusCode();
        await Assertions.Expect(page.Locator("#ledger-list > .alert").Filter(new() { HasText = "新建小组学习计划" }))
            .ToHaveCountAsync(1, new() { Timeout = 5000 });
        _browser.NoViolations();
    }
}
