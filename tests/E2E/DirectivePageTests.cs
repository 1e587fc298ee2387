using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Web;
using Microsoft.Playwright;

namespace Cascade.Tests.E2E;

/// <summary>
/// Directives (部署/交办) in Debian's Chromium on the demo department, where 机关党委 handed three
/// pieces of work to its branches: the wall's 交办事项 panel lists them lagging first and follows a
/// copy reported done; the issuer's workbench shows each directive's copies by state and issues a
/// new one (a field error beside its field first); a branch sees its copy handed down by 机关党委
/// with the directive's fields read-only. Screenshots go to the temp folder's cascade-directives/.
/// </summary>
[Collection(Serial.Name)]
public sealed class DirectivePageTests(Chromium chromium, DemoWorkbenchServer server) : IClassFixture<Chromium>, IClassFixture<DemoWorkbenchServer>
{
    public static readonly string Screenshots = Path.Combine(Path.GetTempPath(), "cascade-directives");
    private static readonly ViewportSize Laptop = new() { Width = 1366, Height = 768 };
    private static readonly ViewportSize Phone = new() { Width = 375, Height = 667 };
    private readonly WorkbenchBrowser _browser = new(chromium, server);

    private static async Task Screenshot(IPage page, string name, bool fullPage = true)
    {
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name), FullPage = fullPage });
    }

    private static readonly Dictionary<string, int> Level = new() { ["red"] = 0, ["amber"] = 1, ["green"] = 2, ["none"] = 3 };

    [Fact]
    public async Task The_wall_lists_the_committees_directives_lagging_first_and_follows_a_copy_reported_done()
    {
        var kiosk = await server.Kiosk("jgdw", 1);
        var page = await _browser.NewPage(new ViewportSize { Width = 1920, Height = 1080 });
        await page.GotoAsync(server.Url($"/wall?unit=jgdw&depth=1&kiosk={kiosk}"));
        var panel = page.Locator("#directives-panel");
        await Assertions.Expect(panel).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(panel.Locator("h2 > span").First).ToHaveTextAsync("交办事项");
        var issued = (await server.Admin.GetFromJsonAsync<JsonElement[]>("/api/v1/directives?issuer=jgdw"))!;
        await Assertions.Expect(page.Locator("#directives")).ToHaveAttributeAsync("data-count", issued.Length.ToString());
        Assert.True(await panel.Locator(".dir-row:visible").CountAsync() >= 3, "the three demo directives fit a 1080p wall");

        // Lagging first: health, then how far progress is behind expected (as the API has them).
        double Lag(JsonElement d) => (d.GetProperty("rollup").GetProperty("all").GetProperty("expected").GetDouble())
            - (d.GetProperty("rollup").GetProperty("all").GetProperty("progress").GetDouble());
        var expected = issued.OrderBy(d => Level[d.GetProperty("rollup").GetProperty("health").GetString()!]).ThenByDescending(Lag).ThenBy(d => d.GetProperty("due").GetString(), StringComparer.Ordinal)
            .Select(d => d.GetProperty("id").GetString()).ToArray();
        var shown = await panel.Locator(".dir-row:visible").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.directive)");
        Assert.Equal(expected.Take(shown.Length), shown);

        var study = panel.Locator(".dir-row[data-directive='jb-ztjy']");
        await Assertions.Expect(study.Locator(".dir-title")).ToHaveTextAsync("主题教育专题学习");
        await Assertions.Expect(study.Locator(".dir-done")).ToHaveTextAsync("16/18 完成");
        await Assertions.Expect(study.Locator(".dir-overdue")).ToHaveTextAsync("逾期 2");
        await Assertions.Expect(panel.Locator(".dir-row[data-directive='jb-szpy'] .dir-done")).ToHaveTextAsync("0/18 完成");
        await Assertions.Expect(panel.Locator(".dir-row[data-directive='jb-szpy'] .dir-overdue")).ToBeHiddenAsync();
        await Screenshot(page, "wall-1920x1080-zh.png", fullPage: false);
        Assert.Empty(await WallFitPageTests.Problems(page));

        // 社会发展科技处党支部 reports its late study done: the panel follows, with no reload.
        (await server.Admin.PatchAsJsonAsync(Api.Task("shfz", "jb-ztjy"), new { status = "done" })).EnsureSuccessStatusCode();
        await Assertions.Expect(study.Locator(".dir-done")).ToHaveTextAsync("17/18 完成", new() { Timeout = 5000 });
        await Assertions.Expect(study.Locator(".dir-overdue")).ToHaveTextAsync("逾期 1");

        // A directive issued meanwhile comes in; withdrawn, it goes.
        var year = DateTime.UtcNow.Year;
        var created = await server.Admin.PostAsJsonAsync("/api/v1/directives", new
        {
            id = "jb-wall-test", issuerUnitId = "jgdw", title = "临时交办：报送联系人", track = "business", start = $"{year}-01-01", due = $"{year + 1}-12-31",
            targets = new { unitIds = new[] { "bgs" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var added = panel.Locator(".dir-row[data-directive='jb-wall-test']:visible");
        await Assertions.Expect(page.Locator("#directives")).ToHaveAttributeAsync("data-count", (issued.Length + 1).ToString(), new() { Timeout = 5000 });
        Assert.Equal(HttpStatusCode.NoContent, (await server.Admin.DeleteAsync("/api/v1/directives/jb-wall-test")).StatusCode);
        await Assertions.Expect(page.Locator("#directives")).ToHaveAttributeAsync("data-count", issued.Length.ToString(), new() { Timeout = 5000 });
        await Assertions.Expect(added).ToHaveCountAsync(0);
        _browser.NoViolations();
    }

    [Fact]
    public async Task The_issuer_sees_each_directives_copies_by_state_and_issues_a_new_one()
    {
        var editor = await server.Editor("jgdw", "机关党委委员");
        var page = await _browser.NewPage(Laptop);
        await _browser.SignIn(page, editor, "/app?unit=jgdw");
        var section = page.Locator("#directives");
        await Assertions.Expect(section).ToBeVisibleAsync();
        await Assertions.Expect(section.Locator(".directive")).ToHaveCountAsync(3);

        // 第四季度督查自查: its roll-up on the line, its copies when opened, filtered by state.
        var inspection = section.Locator(".directive[data-directive='jb-dczc']");
        await Assertions.Expect(inspection.Locator(".directive-title")).ToContainTextAsync("季度督查自查");
        await Assertions.Expect(inspection.Locator(".directive-done")).ToHaveTextAsync("5/18 完成");
        await Assertions.Expect(inspection.Locator(".directive-not-started")).ToHaveTextAsync("未开始 4");
        await inspection.Locator("summary").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var copies = inspection.Locator(".copy-table tbody tr");
        await Assertions.Expect(copies).ToHaveCountAsync(18);
        await inspection.Locator(".copy-filter[data-filter='blocked']").ClickAsync();
        await Assertions.Expect(copies).ToHaveCountAsync(1);
        await Assertions.Expect(copies.Locator(".copy-unit")).ToHaveTextAsync("对外科技合作处党支部");
        await Assertions.Expect(copies.Locator(".status-chip")).ToHaveTextAsync("受阻");
        await Assertions.Expect(copies.Locator(".copy-progress")).ToHaveTextAsync("20%");
        await Assertions.Expect(copies.Locator(".copy-updated")).Not.ToBeEmptyAsync();
        await inspection.Locator(".copy-filter[data-filter='notStarted']").ClickAsync();
        await Assertions.Expect(copies).ToHaveCountAsync(4);
        await Screenshot(page, "issuer-1366x768-zh.png");

        // Issue a new one to two chosen branches; an empty title is refused beside the title first.
        await section.Locator(".new-directive").ClickAsync();
        var form = section.Locator(".new-directive-panel");
        await Assertions.Expect(form.Locator("[name=title]")).ToBeFocusedAsync();
        var year = DateTime.UtcNow.Year;
        await form.Locator("[name=start]").FillAsync($"{year}-01-01");
        await form.Locator("[name=due]").FillAsync($"{year + 1}-01-31");
        await form.Locator("[name=note]").FillAsync("各支部报送一份学习计划");
        await form.Locator("[name=expectation]").SelectOptionAsync("atDue");
        await form.Locator(".target-mode input[value='pick']").CheckAsync();
        await form.Locator(".target-unit input[value='bgs']").CheckAsync();
        await form.Locator(".target-unit input[value='rsc']").CheckAsync();
        await form.Locator(".submit").ClickAsync();
        await Assertions.Expect(form.Locator(".field-title .field-error")).ToBeVisibleAsync();
        await Assertions.Expect(form.Locator("[name=title]")).ToHaveAttributeAsync("aria-invalid", "true");
        await form.Locator("[name=title]").FillAsync("学习计划报送");
        await Screenshot(page, "issue-1366x768-zh.png");
        await form.Locator(".submit").ClickAsync();
        await Assertions.Expect(section.Locator(".directive")).ToHaveCountAsync(4);
        await Assertions.Expect(section.Locator(".message.ok")).ToHaveTextAsync("已下发至 2 个单位");
        var created = (await server.Admin.GetFromJsonAsync<JsonElement[]>("/api/v1/directives?issuer=jgdw"))!
            .Single(d => d.GetProperty("title").GetString() == "学习计划报送");
        Assert.Equal(2, created.GetProperty("targetCount").GetInt32());
        Assert.Equal("各支部报送一份学习计划", created.GetProperty("note").GetString());
        var copy = await server.GetTask("rsc", created.GetProperty("id").GetString()!);
        Assert.Equal("jgdw", copy.GetProperty("issuerUnitId").GetString());
        Assert.Equal(("atDue", "atDue"), (created.GetProperty("expectation").GetString(), copy.GetProperty("expectation").GetString()));
        var issuedNow = section.Locator($".directive[data-directive='{created.GetProperty("id").GetString()}']");
        await Assertions.Expect(issuedNow.Locator(".expectation-chip")).ToHaveTextAsync("到期完成");

        // A branch reports its copy done: the issuer's roll-up and its open list follow through the hub.
        (await server.Admin.PatchAsJsonAsync(Api.Task("kjhz", "jb-dczc"), new { status = "done" })).EnsureSuccessStatusCode();
        await Assertions.Expect(inspection.Locator(".directive-done")).ToHaveTextAsync("6/18 完成", new() { Timeout = 5000 });
        await inspection.Locator(".copy-filter[data-filter='done']").ClickAsync();
        await Assertions.Expect(inspection.Locator(".copy-table tbody tr[data-unit='kjhz'] .status-chip")).ToHaveTextAsync("完成");
        _browser.NoViolations();
    }

    [Fact]
    public async Task The_issuers_view_reads_in_english_and_fits_a_phone()
    {
        var editor = await server.Editor("jgdw", "机关党委委员");
        var page = await _browser.NewPage(Phone);
        await _browser.SignIn(page, editor, "/app?unit=jgdw&lang=en");
        var section = page.Locator("#directives");
        await Assertions.Expect(section.Locator(".track-name")).ToHaveTextAsync("Directives");
        var report = section.Locator(".directive[data-directive='jb-szpy']");
        await Assertions.Expect(report.Locator(".directive-done")).ToHaveTextAsync("0/18 done");
        await Assertions.Expect(report.Locator(".directive-not-started")).ToHaveTextAsync("18 not started");
        await report.Locator("summary").ClickAsync();
        await Assertions.Expect(report.Locator(".copy-table tbody tr")).ToHaveCountAsync(18);
        await Assertions.Expect(report.Locator(".copy-filter[data-filter='overdue']")).ToHaveTextAsync("Late");
        await Assertions.Expect(report.Locator(".copy-table tbody tr").First.Locator(".status-chip")).ToHaveTextAsync("not started");
        await section.Locator(".new-directive").ClickAsync();
        await Assertions.Expect(section.Locator(".new-directive-panel legend")).ToHaveTextAsync("Hand down to");
        await Screenshot(page, "issuer-375x667-en.png");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the screen");
        _browser.NoViolations();
    }

    [Theory]
    [InlineData("zh", 1366, 768)]
    [InlineData("en", 375, 667)]
    public async Task A_branch_sees_its_copy_handed_down_by_the_committee_with_the_directives_fields_read_only(string lang, int width, int height)
    {
        var editor = await server.Editor("zcfg");
        var page = await _browser.NewPage(new ViewportSize { Width = width, Height = height });
        await _browser.SignIn(page, editor, $"/app?unit=zcfg&lang={lang}");
        var row = page.Locator(".task[data-task='jb-szpy']");
        await Assertions.Expect(row.Locator(".origin-chip")).ToHaveTextAsync(lang == "zh" ? "交办 · 机关党委" : "Handed down by 机关党委");
        Assert.Equal(0, await page.Locator(".task:not(.is-copy) .origin-chip:visible").CountAsync());

        await row.Locator(".edit-toggle").ClickAsync();
        var form = row.Locator(".task-form");
        await Assertions.Expect(form.Locator(".owned-note")).ToBeVisibleAsync();
        await Assertions.Expect(form.Locator(".owned-note")).ToContainTextAsync("机关党委");
        foreach (var field in new[] { "title", "weight", "start", "due" })
            await Assertions.Expect(form.Locator($"[name={field}]")).ToHaveAttributeAsync("readonly", "");
        await Assertions.Expect(form.Locator("[name=track]")).ToBeDisabledAsync();
        await Assertions.Expect(form.Locator("[name=expectation]")).ToBeDisabledAsync();
        await Assertions.Expect(form.Locator(".delete")).ToBeHiddenAsync();
        await Assertions.Expect(form.Locator("[name=tags]")).ToBeFocusedAsync();
        await Screenshot(page, $"copy-{width}x{height}-{lang}.png");

        // What the branch may change on its copy saves; the directive's title stays.
        await form.Locator("[name=tags]").FillAsync("述职");
        await form.Locator(".submit").ClickAsync();
        await Assertions.Expect(row.Locator(".tag")).ToHaveTextAsync(["述职"]);
        var copy = await server.GetTask("zcfg", "jb-szpy");
        Assert.Equal("述职", Assert.Single(copy.GetProperty("tags").EnumerateArray()).GetString());
        Assert.EndsWith("年度述职评议材料准备", copy.GetProperty("title").GetString());
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the screen");
        _browser.NoViolations();
    }
}
