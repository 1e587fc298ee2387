using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Excel;
using Cascade.Tests.Web;
using Microsoft.Playwright;

namespace Cascade.Tests.E2E;

/// <summary>
/// The workbench's import in Debian's Chromium against the real product: an editor chooses a
/// workbook with a bad row and sees the dry run's counts and the row's error in a table, nothing
/// applied; then a clean one, applies it, and the tasks are there. Screenshots at 1366x768 and
/// 375x667, zh and en, go to the temp folder's cascade-import/.
/// </summary>
[Collection(Serial.Name)]
public sealed class ImportPageTests(Chromium chromium, WorkbenchServer server) : IClassFixture<Chromium>, IClassFixture<WorkbenchServer>
{
    public static readonly string Screenshots = Path.Combine(Path.GetTempPath(), "cascade-import");
    private static readonly ViewportSize Laptop = new() { Width = 1366, Height = 768 };
    private static readonly ViewportSize Phone = new() { Width = 375, Height = 667 };
    private readonly WorkbenchBrowser _browser = new(chromium, server);

    private static async Task Screenshot(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name), FullPage = true });
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{name}: the page is {overflow}px wider than the screen");
    }

    private static FilePayload Book(string name, params Dictionary<string, object?>[] rows) =>
        new() { Name = name, MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = ImportBooks.Of(rows) };

    [Fact]
    public async Task An_editor_sees_the_dry_run_with_a_bad_row_then_applies_a_clean_workbook()
    {
        var branch = await server.Branch("第三党支部");
        var editor = await server.Editor(branch);
        var page = await _browser.NewPage(Laptop);
        await _browser.SignIn(page, editor, $"/app?unit={branch}");
        await Assertions.Expect(page.Locator(".task-template")).ToHaveAttributeAsync("href", "/api/v1/import/template.xlsx");

        var study = ImportBooks.NewRow(branch, "study", "主题教育专题学习", status: "进行中", progress: 30);
        var bad = ImportBooks.NewRow(branch, "check", "第四季度督查自查", track: "业务", progress: 150);
        await page.ClickAsync(".task-import");
        var panel = page.Locator(".import-panel");
        await Assertions.Expect(panel).ToBeVisibleAsync();
        await panel.Locator("input[type=file]").SetInputFilesAsync(Book("任务.xlsx", study, bad));
        await Assertions.Expect(panel.Locator(".import-status")).ToContainTextAsync("共 2 行：新建 1，修改 0，不变 0，错误 1");
        await Assertions.Expect(panel.Locator(".import-errors tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(panel.Locator(".import-errors tbody td").Nth(0)).ToHaveTextAsync("3");
        await Assertions.Expect(panel.Locator(".import-errors tbody td").Nth(1)).ToHaveTextAsync("进度");
        await Assertions.Expect(panel.Locator(".import-apply")).ToBeHiddenAsync();
        await Screenshot(page, "dry-run-errors-1366x768-zh.png");
        Assert.Empty((await server.Admin.GetFromJsonAsync<JsonElement[]>(Api.Tasks(branch)))!);

        bad["进度"] = 0;
        await panel.Locator("input[type=file]").SetInputFilesAsync(Book("任务-改正.xlsx", study, bad));
        await Assertions.Expect(panel.Locator(".import-status")).ToContainTextAsync("共 2 行：新建 2，修改 0，不变 0，错误 0");
        await Assertions.Expect(panel.Locator(".import-errors")).ToBeHiddenAsync();
        await panel.Locator(".import-apply").ClickAsync();
        await Assertions.Expect(panel.Locator(".import-status")).ToHaveTextAsync("已导入：新建 2，修改 0");
        await Assertions.Expect(page.Locator(".open-tasks .task")).ToHaveCountAsync(2);
        var tasks = (await server.Admin.GetFromJsonAsync<JsonElement[]>(Api.Tasks(branch)))!;
        Assert.Equal(["check", "study"], tasks.Select(t => t.GetProperty("id").GetString()).Order());
        Assert.Equal(30, (await server.GetTask(branch, "study")).GetProperty("progress").GetInt32());
        await Screenshot(page, "applied-1366x768-zh.png");

        // The same on a phone, in both languages.
        foreach (var lang in new[] { "zh", "en" })
        {
            var phone = await _browser.NewPage(Phone);
            await _browser.SignIn(phone, editor, $"/app?unit={branch}&lang={lang}");
            await phone.ClickAsync(".task-import");
            await phone.Locator(".import-panel input[type=file]").SetInputFilesAsync(Book("tasks.xlsx", study, ImportBooks.NewRow(branch, "late", "开始晚于截止", start: new DateTime(2026, 12, 1), due: new DateTime(2026, 1, 1))));
            await Assertions.Expect(phone.Locator(".import-errors tbody tr")).ToHaveCountAsync(1);
            if (lang == "en") await Assertions.Expect(phone.Locator(".import-status")).ToContainTextAsync("2 rows: 0 new, 0 changed, 1 unchanged, 1 error");
            await Screenshot(phone, $"dry-run-errors-375x667-{lang}.png");
            if (lang == "en")
            {
                var laptop = await _browser.NewPage(Laptop);
                await _browser.SignIn(laptop, editor, $"/app?unit={branch}&lang=en");
                await laptop.ClickAsync(".task-import");
                await laptop.Locator(".import-panel input[type=file]").SetInputFilesAsync(Book("tasks.xlsx", study));
                await Assertions.Expect(laptop.Locator(".import-status")).ToContainTextAsync("1 row: 0 new, 0 changed, 1 unchanged, 0 errors");
                await Screenshot(laptop, "dry-run-1366x768-en.png");
            }
        }
        _browser.NoViolations();
    }
}
