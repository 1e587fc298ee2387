using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cascade.Tests.Web;
using Microsoft.Playwright;

namespace Cascade.Tests.E2E;

/// <summary>
/// A quarter walked through the screens in Debian's Chromium, as people do it: a leader captures
/// the quarter's inspection naming two sibling branches as inspectors; the first branch's editor
/// opens it and raises a finding on the second branch (互观互检, 提出整改); the second branch's
/// editor sees it to put right and reports its task f-{id} done; the first branch's editor signs
/// it off (确认销号) and the task shows it cannot change; the leader captures the next inspection,
/// whose view compares it with the first, and whose printable page has the period in its header,
/// fits A4 and prints to PDF. Each step checks what the person sees; the end checks the API.
/// <c>$CASCADE_INSPECTION_PDF</c>, when set, is where the PDF is written (docs/inspection-example.pdf).
/// </summary>
[Collection(Serial.Name)]
public sealed class QuarterWalkPageTests(Chromium chromium, WorkbenchServer server) : IClassFixture<Chromium>, IClassFixture<WorkbenchServer>
{
    private static readonly ViewportSize Laptop = new() { Width = 1366, Height = 768 };
    private static readonly ViewportSize[] Sizes = [Laptop, new() { Width = 1920, Height = 1080 }, new() { Width = 3840, Height = 2160 }, new() { Width = 375, Height = 667 }];
    private const int A4TextWidth = 687;
    private readonly WorkbenchBrowser _browser = new(chromium, server);

    /// <summary>Signs in from the sign-in form the page sends an unknown person to, and waits for the inspections page's data.</summary>
    private async Task<IPage> SignInToInspections(string username)
    {
        var page = await _browser.NewPage(Laptop);
        await page.GotoAsync(server.Url("/app/inspections"));
        await page.WaitForURLAsync(new Regex("/login\\?returnUrl="));
        await page.FillAsync("input[name=username]", username);
        await page.FillAsync("input[name=password]", WorkbenchServer.Password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-loaded", "true");
        return page;
    }

    /// <summary>Captures an inspection of the committee through the form; answers its id once its view shows it frozen.</summary>
    private static async Task<string> Capture(IPage page, string title, string[] inspectors)
    {
        await page.Locator("#scope").SelectOptionAsync(WorkbenchServer.Committee);
        await page.Locator("#inspectors").SelectOptionAsync(inspectors);
        await page.Locator("#title").FillAsync(title);
        await page.Locator("#capture").ClickAsync();
        await page.WaitForURLAsync(new Regex("/app/inspections\\?id=dc-"));
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-loaded", "true", new() { Timeout = 30000 });
        await Assertions.Expect(page.Locator("#view-title")).ToContainTextAsync(title);
        return new Regex("id=([a-z0-9-]+)").Match(page.Url).Groups[1].Value;
    }

    [Fact]
    public async Task A_quarter_is_inspected_put_right_signed_off_compared_and_printed()
    {
        var a = await server.Branch("办公室党支部");
        var b = await server.Branch("科研处党支部");
        await server.Task(a, "plan", "年度党建工作计划", "party");
        await server.Task(b, "lesson", "三会一课", "party");
        await server.Task(b, "research", "科研项目中期检查", "business");
        var leader = Api.Id("walk-leader");
        (await server.Admin.PostAsJsonAsync("/api/v1/users", new { username = leader, password = WorkbenchServer.Password, displayName = "厅领导", role = "leader" }))
            .EnsureSuccessStatusCode();
        var editorA = await server.Editor(a, "办公室党支部书记");
        var editorB = await server.Editor(b, "科研处党支部书记");
        var quarter = $"{DateTime.Now.Year}-q{(DateTime.Now.Month - 1) / 3 + 1}";

        // 1. The leader captures the quarter's inspection, the two sibling branches inspecting.
        var lead = await SignInToInspections(leader);
        await Assertions.Expect(lead.Locator("#new-form")).ToBeVisibleAsync();
        var first = await Capture(lead, "第四季度党建工作督查", [a, b]);
        await Assertions.Expect(lead.Locator("#finding-form")).ToBeVisibleAsync();

        // 2. The first branch's editor opens it, finds no form on its own branch, and raises a finding on its sibling.
        var inspector = await SignInToInspections(editorA);
        await Assertions.Expect(inspector.Locator("#new-form")).ToBeHiddenAsync();
        await inspector.Locator($"#list > .insp-item[data-inspection='{first}'] a").ClickAsync();
        await Assertions.Expect(inspector.Locator("body")).ToHaveAttributeAsync("data-loaded", "true");
        await inspector.Locator($"#children > .insp-child[data-unit='{a}'] a").ClickAsync();
        await Assertions.Expect(inspector.Locator("#unit-card")).ToHaveAttributeAsync("data-unit", a);
        await Assertions.Expect(inspector.Locator("body")).ToHaveAttributeAsync("data-loaded", "true");
        await Assertions.Expect(inspector.Locator("#finding-form")).ToBeHiddenAsync();
        await inspector.Locator("#up").ClickAsync();
        await Assertions.Expect(inspector.Locator("body")).ToHaveAttributeAsync("data-loaded", "true");
        await inspector.Locator($"#children > .insp-child[data-unit='{b}'] a").ClickAsync();
        await Assertions.Expect(inspector.Locator("#unit-card")).ToHaveAttributeAsync("data-unit", b);
        var form = inspector.Locator("#finding-form");
        await Assertions.Expect(form.Locator("#fn-heading")).ToHaveTextAsync("提出整改");
        await Assertions.Expect(form.Locator("#fn-note")).ToContainTextAsync("对科研处党支部提出督查发现");
        await Assertions.Expect(form.Locator("#fn-inspector option")).ToHaveTextAsync(["办公室党支部"]);
        foreach (var size in Sizes)
        {
            await inspector.SetViewportSizeAsync(size.Width, size.Height);
            await InspectionPageTests.Fits(inspector, $"the finding form at {size.Width}x{size.Height}");
            await InspectionPageTests.Shoot(inspector, $"finding-form-{size.Width}x{size.Height}.png");
        }
        await inspector.SetViewportSizeAsync(Laptop.Width, Laptop.Height);
        await form.Locator("#fn-text").FillAsync("三会一课记录不规范，缺少会议签到");
        await form.Locator("#fn-due").FillAsync($"{DateTime.Now.Year + 1}-01-31");
        await form.Locator("#fn-submit").ClickAsync();
        var message = form.Locator("#fn-message");
        await Assertions.Expect(message).ToContainTextAsync("已对科研处党支部提出整改");
        var task = new Regex("整改任务 (f-[a-z0-9-]+) 已下达").Match((await message.TextContentAsync())!).Groups[1].Value;
        Assert.StartsWith("f-", task);
        var id = task[2..];
        // The view lists it at once among the inspection's findings on this unit and below.
        var listed = inspector.Locator($"#findings > .insp-finding[data-finding='{id}']");
        await Assertions.Expect(listed.Locator(".insp-finding-text")).ToHaveTextAsync("三会一课记录不规范，缺少会议签到");
        await Assertions.Expect(listed.Locator(".insp-finding-facts")).ToContainTextAsync("整改中");
        await Assertions.Expect(listed.Locator(".insp-finding-facts")).ToContainTextAsync("提出：办公室党支部");

        // 3. The inspected branch sees what it must put right and reports its task done.
        var branch = await _browser.NewPage(Laptop);
        await _browser.SignIn(branch, editorB, $"/app?unit={b}");
        var card = branch.Locator($"#findings .to-fix .finding[data-id='{id}']");
        await Assertions.Expect(branch.Locator("#findings .finding-badge")).ToHaveTextAsync("待整改 1");
        await Assertions.Expect(card.Locator(".finding-state")).ToHaveTextAsync("整改中");
        await Assertions.Expect(card.Locator(".finding-meta")).ToContainTextAsync("提出单位：办公室党支部");
        var row = branch.Locator($".task[data-task='{task}']");
        await Assertions.Expect(row.Locator(".task-title")).ToHaveTextAsync("三会一课记录不规范，缺少会议签到");
        await row.Locator(".step[data-progress='100']").ClickAsync();
        await Assertions.Expect(row.Locator(".status-chip")).ToHaveTextAsync("完成");
        await Assertions.Expect(card.Locator(".finding-state")).ToHaveTextAsync("待销号", new() { Timeout = 20_000 });

        // 4. The inspector branch sees it awaiting sign-off and signs it off (销号).
        var home = await _browser.NewPage(Laptop);
        await _browser.SignIn(home, editorA, $"/app?unit={a}");
        var raised = home.Locator($"#findings .raised .finding[data-id='{id}']");
        await Assertions.Expect(raised.Locator(".finding-state")).ToHaveTextAsync("待销号");
        await Assertions.Expect(raised.Locator(".finding-meta")).ToContainTextAsync("被检查单位：科研处党支部");
        await raised.Locator(".finding-note-input").FillAsync("签到簿已补齐，整改到位");
        await raised.Locator(".confirm-finding").ClickAsync();
        await Assertions.Expect(home.Locator("#findings .message")).ToHaveTextAsync("已销号");
        await Assertions.Expect(raised.Locator(".finding-state")).ToHaveTextAsync("已销号");

        // The branch's task is now locked: the screen says so and offers no change.
        await Assertions.Expect(row.Locator(".locked-chip")).ToHaveTextAsync("已销号 · 不可更改", new() { Timeout = 20_000 });
        await Assertions.Expect(row.Locator(".step[data-progress='50']")).ToBeHiddenAsync();
        await Assertions.Expect(row.Locator(".toggle")).ToBeHiddenAsync();
        await Assertions.Expect(row.Locator(".edit-toggle")).ToBeHiddenAsync();
        await Assertions.Expect(card.Locator(".finding-state")).ToHaveTextAsync("已销号", new() { Timeout = 20_000 });
        await Assertions.Expect(branch.Locator("#findings .finding-badge")).ToBeHiddenAsync();
        await InspectionPageTests.Shoot(branch, "walk-branch-signed-off-1366x768.png");

        // The first inspection's view and its printable report show the finding signed off.
        await lead.ReloadAsync();
        await Assertions.Expect(lead.Locator("body")).ToHaveAttributeAsync("data-loaded", "true");
        var closed = lead.Locator($"#findings > .insp-finding.state-closed[data-finding='{id}']");
        await Assertions.Expect(closed.Locator(".insp-finding-facts")).ToContainTextAsync("科研处党支部 · 已销号");
        foreach (var size in Sizes)
        {
            await lead.SetViewportSizeAsync(size.Width, size.Height);
            await InspectionPageTests.Fits(lead, $"the inspection with its finding at {size.Width}x{size.Height}");
            await InspectionPageTests.Shoot(lead, $"walk-findings-{size.Width}x{size.Height}.png");
        }
        await lead.SetViewportSizeAsync(Laptop.Width, Laptop.Height);
        await lead.GotoAsync(server.Url($"/inspections/{first}"));
        await Assertions.Expect(lead.Locator("body")).ToHaveAttributeAsync("data-loaded", "true", new() { Timeout = 30000 });
        await Assertions.Expect(lead.Locator("#findings-title")).ToHaveTextAsync("五、发现的问题及整改");
        await Assertions.Expect(lead.Locator("#findings tbody tr td")).ToHaveTextAsync(["科研处党支部", "三会一课记录不规范，缺少会议签到", $"{DateTime.Now.Year + 1}-01-31", "已销号", "办公室党支部"]);
        await InspectionPageTests.Fits(lead, "the printable report with its finding");
        await InspectionPageTests.Shoot(lead, "walk-findings-print-1366x768.png");

        // 5. The leader captures the next inspection; its view compares it with the first.
        await lead.GotoAsync(server.Url("/app/inspections"));
        await Assertions.Expect(lead.Locator("body")).ToHaveAttributeAsync("data-loaded", "true");
        var second = await Capture(lead, "第四季度党建工作督查（复查）", []);
        await Assertions.Expect(lead.Locator("#compare-to")).ToHaveValueAsync(first);
        await Assertions.Expect(lead.Locator("#compare")).ToHaveAttributeAsync("data-to", second);
        var compared = lead.Locator($"#compare tbody tr[data-unit='{b}'] td");
        await Assertions.Expect(compared.Nth(3)).ToHaveTextAsync("0 → 1 (+1)");
        await InspectionPageTests.Fits(lead, "the second inspection at 1366x768");
        await InspectionPageTests.Shoot(lead, "walk-compare-1366x768.png");

        // 6. Its printable page: the period in the header, the comparison, nothing wider than A4's text; a PDF.
        var print = await _browser.NewPage(new() { Width = A4TextWidth, Height = 1000 });
        await print.Context.AddCookiesAsync((await lead.Context.CookiesAsync()).Select(c => new Microsoft.Playwright.Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Expires = c.Expires, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }));
        await print.GotoAsync(server.Url($"/inspections/{second}?unit={WorkbenchServer.Committee}&depth=1"));
        await Assertions.Expect(print.Locator("body")).ToHaveAttributeAsync("data-loaded", "true", new() { Timeout = 30000 });
        await Assertions.Expect(print.Locator("#org")).ToContainTextAsync("测试厅党组");
        await Assertions.Expect(print.Locator("#report-title")).ToHaveTextAsync("第四季度党建工作督查（复查）");
        await Assertions.Expect(print.Locator("#period")).ToContainTextAsync(quarter);
        await Assertions.Expect(print.Locator("#period")).ToContainTextAsync("季度");
        await Assertions.Expect(print.Locator("#compare-note")).ToContainTextAsync("第四季度党建工作督查");
        await Assertions.Expect(print.Locator($"#compare tbody tr[data-unit='{b}']")).ToContainTextAsync("0 → 1");
        await Assertions.Expect(print.Locator($"#tasks table[data-unit='{b}'] tbody tr")).ToHaveCountAsync(3);
        await print.EmulateMediaAsync(new() { Media = Media.Print });
        await InspectionPageTests.Fits(print, "the second inspection's printable page at A4's text width");
        var pdf = await print.PdfAsync(new() { Format = "A4", PreferCSSPageSize = true, PrintBackground = true });
        var pages = Regex.Matches(Encoding.Latin1.GetString(pdf), @"/Type\s*/Page(?![a-zA-Z])").Count;
        Assert.True(pages >= 1, $"the PDF has {pages} pages");
        if (Environment.GetEnvironmentVariable("CASCADE_INSPECTION_PDF") is { Length: > 0 } path) await File.WriteAllBytesAsync(path, pdf);

        // 7. The API agrees: the finding closed, its task done and locked, and every compared figure a recomputation from both trees.
        var finding = await server.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/findings/{id}");
        Assert.Equal(("closed", first, a), (finding.GetProperty("state").GetString(), finding.GetProperty("inspectionId").GetString(), finding.GetProperty("inspectorUnitId").GetString()));
        var locked = await server.GetTask(b, task);
        Assert.Equal(("done", 100, true), (locked.GetProperty("status").GetString(), locked.GetProperty("progress").GetInt32(), locked.GetProperty("locked").GetBoolean()));
        await (await server.Admin.PatchAsJsonAsync(Api.Task(b, task), new { status = "inProgress", progress = 50 })).Expect(HttpStatusCode.Conflict);
        var comparison = await server.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/inspections/compare?from={first}&to={second}&unit={WorkbenchServer.Committee}&depth=1");
        var before = await Figures(first);
        var after = await Figures(second);
        var units = comparison.GetProperty("units").EnumerateArray().ToList();
        Assert.Equal(after.Keys.Order(), units.Select(u => u.GetProperty("unitId").GetString()!).Order());
        foreach (var u in units)
        {
            var unit = u.GetProperty("unitId").GetString()!;
            foreach (var figure in new[] { "progress", "expected", "lag", "count", "done", "overdue", "blocked" })
            {
                var (from, to) = (before[unit][figure], after[unit][figure]);
                Assert.Equal(from, Number(u.GetProperty("from").GetProperty(figure)));
                Assert.Equal(to, Number(u.GetProperty("to").GetProperty(figure)));
                var delta = Number(u.GetProperty("delta").GetProperty(figure));
                if (from is null || to is null) Assert.Null(delta);
                else Assert.Equal(to.Value - from.Value, delta!.Value, 9);
            }
        }
        Assert.Equal((1.0, 1.0), (Number(units.Single(u => u.GetProperty("unitId").GetString() == b).GetProperty("delta").GetProperty("count")),
            Number(units.Single(u => u.GetProperty("unitId").GetString() == b).GetProperty("delta").GetProperty("done"))));
        _browser.NoViolations();
    }

    private static double? Number(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetDouble();

    /// <summary>Each unit's figures in an inspection's frozen tree of the committee, read from the tree itself.</summary>
    private async Task<Dictionary<string, Dictionary<string, double?>>> Figures(string inspection)
    {
        var tree = await server.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/inspections/{inspection}/tree?unit={WorkbenchServer.Committee}&depth=1");
        var figures = new Dictionary<string, Dictionary<string, double?>>();
        foreach (var node in tree.GetProperty("children").EnumerateArray().Prepend(tree))
        {
            var summary = node.GetProperty("summary");
            var all = summary.GetProperty("all");
            figures[node.GetProperty("id").GetString()!] = new()
            {
                ["progress"] = Number(all.GetProperty("progress")), ["expected"] = Number(all.GetProperty("expected")), ["lag"] = Number(summary.GetProperty("lag")),
                ["count"] = all.GetProperty("count").GetDouble(), ["done"] = all.GetProperty("done").GetDouble(),
                ["overdue"] = all.GetProperty("overdue").GetDouble(), ["blocked"] = all.GetProperty("blocked").GetDouble(),
            };
        }
        return figures;
    }
}
