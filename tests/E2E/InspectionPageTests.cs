using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cascade.Tests.Web;
using Microsoft.Playwright;

namespace Cascade.Tests.E2E;

/// <summary>
/// Inspections (督查) in Debian's Chromium: an admin opens 督查 from the workbench, captures an
/// inspection of a committee with the form's defaults (the current quarter), opens its frozen view
/// (the figures as the API froze them, drilled into a branch, compared with now), and the printable
/// page: the department and the period in its header, nothing wider than an A4 page's text, and a
/// PDF from Chromium's print with at least one page. Screenshots at four sizes go to
/// <c>$CASCADE_SCREENSHOTS</c> when it is set.
/// </summary>
[Collection(Serial.Name)]
public sealed class InspectionPageTests(Chromium chromium, WorkbenchServer server) : IClassFixture<Chromium>, IClassFixture<WorkbenchServer>
{
    private static readonly ViewportSize Laptop = new() { Width = 1366, Height = 768 };
    private static readonly ViewportSize Phone = new() { Width = 375, Height = 667 };
    private static readonly ViewportSize[] Sizes = [Laptop, new() { Width = 1920, Height = 1080 }, new() { Width = 3840, Height = 2160 }, Phone];

    /// <summary>An A4 page's text width at 96 px per inch: 210 mm less the print CSS's 14 mm margins each side.</summary>
    private const int A4TextWidth = 687;

    private readonly WorkbenchBrowser _browser = new(chromium, server);

    internal static async Task Shoot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("CASCADE_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
    }

    /// <summary>Nothing wider than the page, and no text cut inside its box.</summary>
    internal static async Task Fits(IPage page, string what)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        if (overflow > 0)
        {
            var wide = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('body *')]
                  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && ![...e.children].some(c => c.getBoundingClientRect().right > document.documentElement.clientWidth + 1))
                  .slice(0, 5).map(e => `${e.tagName}.${e.className} (${Math.round(e.getBoundingClientRect().right)}px): ${e.textContent.slice(0, 40)}`)
                """);
            Assert.Fail($"{what}: the page is {overflow}px wider than its width: {string.Join("; ", wide)}");
        }
        var cut = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('main *')]
              .filter(e => e.offsetParent !== null && !e.closest('.table-scroller') && e.children.length === 0
                && getComputedStyle(e).display !== 'inline' && e.scrollWidth > e.clientWidth + 1)
              .map(e => `${e.tagName}.${e.className}: ${e.textContent}`)
            """);
        Assert.True(cut.Length == 0, $"{what}: cut text: {string.Join("; ", cut)}");
    }

    private async Task<string> Admin()
    {
        var username = Api.Id("dc-admin");
        (await server.Admin.PostAsJsonAsync("/api/v1/users", new { username, password = WorkbenchServer.Password, displayName = "督查室管理员", role = "admin" }))
            .EnsureSuccessStatusCode();
        return username;
    }

    [Fact]
    public async Task An_admin_captures_an_inspection_opens_its_frozen_view_and_prints_it_on_A4()
    {
        var first = await server.Branch("科技发展战略研究党支部");
        var second = await server.Branch("科技成果转化服务中心党支部");
        var year = DateTime.UtcNow.Year;
        await server.Task(first, "plan", "年度党建工作计划（含三会一课、主题党日、党课安排和党员发展计划）", "party", start: $"{year - 1}-01-01", due: $"{year - 1}-02-01");
        await server.Task(first, "research", "科研项目中期检查", "business");
        await server.Task(second, "lesson", "专题党课", "party");
        var admin = await Admin();

        var page = await _browser.NewPage(Laptop);
        await page.GotoAsync(server.Url("/app"));
        await page.WaitForURLAsync(new Regex("/login\\?returnUrl="));
        await page.FillAsync("input[name=username]", admin);
        await page.FillAsync("input[name=password]", WorkbenchServer.Password);
        await page.ClickAsync("button[type=submit]");
        await WorkbenchBrowser.Live(page);
        await page.Locator("#to-inspections").ClickAsync();
        await page.WaitForURLAsync(new Regex("/app/inspections$"));
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-loaded", "true");
        await Assertions.Expect(page.Locator("#list-title")).ToHaveTextAsync("督查记录");

        // The form's defaults: the current quarter and a title made from it.
        var now = DateTime.Now;
        var quarter = $"{now.Year}-q{(now.Month - 1) / 3 + 1}";
        await Assertions.Expect(page.Locator("#period")).ToHaveValueAsync(quarter);
        await Assertions.Expect(page.Locator("#title")).ToHaveValueAsync(new Regex("季度督查$"));
        await page.Locator("#scope").SelectOptionAsync(WorkbenchServer.Committee);
        await page.Locator("#inspectors").SelectOptionAsync([first]);
        await page.Locator("#title").FillAsync("第四季度党建与业务工作督查");
        await page.Locator("#capture").ClickAsync();

        // Its view, once frozen: the committee's frozen figures as the API answers them.
        await page.WaitForURLAsync(new Regex("/app/inspections\\?id=dc-"));
        var id = new Regex("id=([a-z0-9-]+)").Match(page.Url).Groups[1].Value;
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-loaded", "true", new() { Timeout = 30000 });
        var header = await server.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/inspections/{id}");
        Assert.Equal(("captured", quarter, WorkbenchServer.Committee), (header.GetProperty("state").GetString(), header.GetProperty("period").GetString(), header.GetProperty("unitId").GetString()));
        Assert.Equal([first], header.GetProperty("inspectorUnitIds").EnumerateArray().Select(u => u.GetString()));
        await Assertions.Expect(page.Locator("#view-title")).ToContainTextAsync("第四季度党建与业务工作督查");
        await Assertions.Expect(page.Locator("#unit-card")).ToHaveAttributeAsync("data-unit", WorkbenchServer.Committee);
        var tree = await server.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/inspections/{id}/tree?depth=1");
        Assert.Equal(tree.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("id").GetString()),
            await page.Locator("#children > .insp-child").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.unit)"));
        var count = tree.GetProperty("summary").GetProperty("all").GetProperty("count").GetInt32();
        await Assertions.Expect(page.Locator("#unit-figures")).ToContainTextAsync($"{count} 项");
        await Assertions.Expect(page.Locator("#compare tbody tr")).ToHaveCountAsync(tree.GetProperty("children").GetArrayLength() + 1);
        await Assertions.Expect(page.Locator("#compare")).ToHaveAttributeAsync("data-to", "now");
        await Assertions.Expect(page.Locator("#report-link")).ToHaveAttributeAsync("href", new Regex($"/api/v1/inspections/{id}/report.xlsx"));
        await Fits(page, "the inspection at 1366x768");
        await Shoot(page, "inspection-view-1366x768.png");

        // Drilled into a branch: its frozen tasks (the overdue one marked) and its open alerts.
        await page.Locator($"#children > .insp-child[data-unit='{first}'] a").ClickAsync();
        await page.WaitForURLAsync(new Regex($"unit={first}"));
        await Assertions.Expect(page.Locator("#unit-card")).ToHaveAttributeAsync("data-unit", first);
        var tasks = await server.Admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/inspections/{id}/units/{first}/tasks");
        Assert.Equal(tasks!.Select(t => t.GetProperty("id").GetString()), await page.Locator("#tasks > .insp-task").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.task)"));
        await Assertions.Expect(page.Locator("#tasks > .insp-task.overdue")).ToHaveCountAsync(1);
        var alerts = await server.Admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/inspections/{id}/units/{first}/alerts");
        await Assertions.Expect(page.Locator("#alerts > .insp-alert")).ToHaveCountAsync(alerts!.Length);
        await Assertions.Expect(page.Locator("#up")).ToBeVisibleAsync();
        foreach (var size in Sizes)
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
            await Fits(page, $"the branch at {size.Width}x{size.Height}");
            await Shoot(page, $"inspection-branch-{size.Width}x{size.Height}.png");
        }
        await page.GotoAsync(server.Url("/app/inspections"));
        await Assertions.Expect(page.Locator($"#list > .insp-item[data-inspection='{id}']")).ToContainTextAsync("已冻结");
        foreach (var size in Sizes)
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
            await Fits(page, $"the list at {size.Width}x{size.Height}");
            await Shoot(page, $"inspections-{size.Width}x{size.Height}.png");
        }

        // The printable page: the department, the title and the period in its header.
        var print = await _browser.NewPage(new() { Width = A4TextWidth, Height = 1000 });
        await print.Context.AddCookiesAsync((await page.Context.CookiesAsync()).Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Expires = c.Expires, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }));
        await print.GotoAsync(server.Url($"/inspections/{id}?unit={WorkbenchServer.Committee}"));
        await Assertions.Expect(print.Locator("body")).ToHaveAttributeAsync("data-loaded", "true", new() { Timeout = 30000 });
        await Assertions.Expect(print.Locator("#org")).ToContainTextAsync("测试厅党组");
        await Assertions.Expect(print.Locator("#report-title")).ToHaveTextAsync("第四季度党建与业务工作督查");
        await Assertions.Expect(print.Locator("#period")).ToContainTextAsync(quarter);
        await Assertions.Expect(print.Locator("#period")).ToContainTextAsync("季度");
        await Assertions.Expect(print.Locator("#summary tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(print.Locator($"#tasks table[data-unit='{first}'] tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(print.Locator("#compare-note")).ToContainTextAsync("没有更早的同范围督查");
        // Every printed page: the department, title and period at its top, its number at its bottom (@page margin boxes).
        var boxes = await print.EvaluateAsync<string>("""
            () => [...document.styleSheets].flatMap(s => [...s.cssRules]).filter(r => r instanceof CSSPageRule)
              .flatMap(r => [r.cssText, ...[...(r.cssRules ?? [])].map(m => `@${m.name} ${m.style?.getPropertyValue('content')}`)]).join('\n')
            """);
        Assert.Contains("bottom-center", boxes);
        Assert.Contains("counter(page)", boxes);
        Assert.Contains("测试厅党组 · 第四季度党建与业务工作督查 · ", boxes);
        await print.EmulateMediaAsync(new() { Media = Media.Print });
        await Fits(print, "the printable page at A4's text width");
        await Shoot(print, "inspection-print-a4.png");
        var pdf = await print.PdfAsync(new() { Format = "A4", PreferCSSPageSize = true, PrintBackground = true });
        var pages = Regex.Matches(Encoding.Latin1.GetString(pdf), @"/Type\s*/Page(?![a-zA-Z])").Count;
        Assert.True(pages >= 1, $"the PDF has {pages} pages");
        if (Environment.GetEnvironmentVariable("CASCADE_SCREENSHOTS") is { Length: > 0 } folder) await File.WriteAllBytesAsync(Path.Combine(folder, "inspection.pdf"), pdf);

        // On a phone too (the screen's sheet).
        await print.EmulateMediaAsync(new() { Media = Media.Screen });
        foreach (var size in Sizes)
        {
            await print.SetViewportSizeAsync(size.Width, size.Height);
            await Fits(print, $"the printable page at {size.Width}x{size.Height}");
            await Shoot(print, $"inspection-print-{size.Width}x{size.Height}.png");
        }
        _browser.NoViolations();
    }

    [Fact]
    public async Task A_viewer_reads_inspections_without_the_capture_form()
    {
        var branch = await server.Branch("第三党支部");
        await server.Task(branch, "t", "学习任务", "party");
        var id = Api.Id("dc");
        (await server.Admin.PostAsJsonAsync("/api/v1/inspections", new { id, title = "上半年督查", period = $"{DateTime.UtcNow.Year}-h1", unitId = branch }))
            .EnsureSuccessStatusCode();
        var username = Api.Id("dc-viewer");
        (await server.Admin.PostAsJsonAsync("/api/v1/users", new { username, password = WorkbenchServer.Password, displayName = "查看人", role = "viewer" })).EnsureSuccessStatusCode();
        var page = await _browser.NewPage(Phone);
        await page.GotoAsync(server.Url("/app/inspections?lang=en"));
        await page.WaitForURLAsync(new Regex("/login\\?returnUrl="));
        await page.FillAsync("input[name=username]", username);
        await page.FillAsync("input[name=password]", WorkbenchServer.Password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-loaded", "true");
        await Assertions.Expect(page.Locator("#new-form")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator($"#list > .insp-item[data-inspection='{id}']")).ToContainTextAsync("first half of");
        await Fits(page, "the list in English on a phone");
        _browser.NoViolations();
    }
}
