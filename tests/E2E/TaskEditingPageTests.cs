using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Web;
using Microsoft.Playwright;

namespace Cascade.Tests.E2E;

/// <summary>
/// Task editing on the workbench <c>/app</c> (create, edit every field, delete) in Debian's
/// Chromium against the real product: each step is checked through the public API, a field the
/// API refuses shows its rule beside that field, and read-only people see no edit controls.
/// Screenshots at 1366x768 and 375x667 (到期完成 also at 1920x1080 and 3840x2160), zh and en, go to the temp folder's cascade-task-editing/.
/// </summary>
[Collection(Serial.Name)]
public sealed class TaskEditingPageTests(Chromium chromium, WorkbenchServer server) : IClassFixture<Chromium>, IClassFixture<WorkbenchServer>
{
    public static readonly string Screenshots = Path.Combine(Path.GetTempPath(), "cascade-task-editing");
    private static readonly ViewportSize Laptop = new() { Width = 1366, Height = 768 };
    private static readonly ViewportSize Phone = new() { Width = 375, Height = 667 };
    private readonly WorkbenchBrowser _browser = new(chromium, server);
    private static readonly int Year = DateTime.UtcNow.Year;

    private async Task<JsonElement[]> Tasks(string unit) => (await server.Admin.GetFromJsonAsync<JsonElement[]>(Api.Tasks(unit)))!;

    private static async Task Screenshot(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name), FullPage = true });
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{name}: the page is {overflow}px wider than the screen");
    }

    [Fact]
    public async Task An_editor_creates_a_task_with_tags_edits_its_title_and_due_sees_a_field_error_beside_due_and_deletes_it()
    {
        var branch = await server.Branch("第二党支部");
        var editor = await server.Editor(branch);
        var page = await _browser.NewPage(Laptop);
        await _browser.SignIn(page, editor, $"/app?unit={branch}");

        // Create, with two labels, one written with a stray space.
        await page.ClickAsync(".new-task");
        var create = page.Locator(".new-task-panel");
        await Assertions.Expect(create.Locator("[name=title]")).ToBeFocusedAsync();
        await create.Locator("[name=title]").FillAsync("四强支部建设");
        await create.Locator("[name=track]").SelectOptionAsync("business");
        await create.Locator("[name=weight]").FillAsync("2");
        await create.Locator("[name=start]").FillAsync($"{Year}-01-01");
        await create.Locator("[name=due]").FillAsync($"{Year}-12-31");
        await create.Locator("[name=tags]").FillAsync("四强， 效能目标考核");
        await create.Locator("[name=note]").FillAsync("对标四强");
        await Screenshot(page, "create-1366x768-zh.png");
        await create.Locator(".submit").ClickAsync();

        await Assertions.Expect(page.Locator(".open-tasks .task")).ToHaveCountAsync(1);
        var created = Assert.Single(await Tasks(branch));
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal(("四强支部建设", "business", 2.0, $"{Year}-12-31", "对标四强"),
            (created.GetProperty("title").GetString(), created.GetProperty("track").GetString(), created.GetProperty("weight").GetDouble(),
             created.GetProperty("due").GetString(), created.GetProperty("note").GetString()));
        Assert.Equal(["四强", "效能目标考核"], created.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var row = page.Locator($".task[data-task='{id}']");
        await Assertions.Expect(row.Locator(".tag")).ToHaveTextAsync(["四强", "效能目标考核"]);

        // The export link downloads the unit's tasks as the API's workbook.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(".task-export").ClickAsync());
        using (var sheet = new MemoryStream(await File.ReadAllBytesAsync((await download.PathAsync())!)))
        {
            var rows = MiniExcelLibs.MiniExcel.Query(sheet, useHeaderRow: true, excelType: MiniExcelLibs.ExcelType.XLSX).Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(("四强支部建设", "四强、效能目标考核"), ((string)Assert.Single(rows)["任务名称"], (string)rows[0]["标签"]));
        }

        // Edit the title and the due date.
        await row.Locator(".edit-toggle").ClickAsync();
        var form = row.Locator(".task-form");
        await form.Locator("[name=title]").FillAsync("四强支部建设（第四季度）");
        await form.Locator("[name=due]").FillAsync($"{Year}-11-30");
        await form.Locator(".submit").ClickAsync();
        await Assertions.Expect(row.Locator(".task-title")).ToHaveTextAsync("四强支部建设（第四季度）");
        await Assertions.Expect(form).ToBeHiddenAsync();
        var edited = await server.GetTask(branch, id);
        Assert.Equal(("四强支部建设（第四季度）", $"{Year}-11-30", 2L),
            (edited.GetProperty("title").GetString(), edited.GetProperty("due").GetString(), edited.GetProperty("version").GetInt64()));

        // A due date before the start: the API's rule, in Chinese, beside the due field; nothing changes.
        await row.Locator(".edit-toggle").ClickAsync();
        await form.Locator("[name=due]").FillAsync($"{Year - 1}-12-31");
        await form.Locator(".submit").ClickAsync();
        var dueError = form.Locator(".field-due .field-error");
        await Assertions.Expect(dueError).ToHaveTextAsync("开始日期不能晚于截止日期");
        await Assertions.Expect(form.Locator("[name=due]")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(form.Locator(".field-title .field-error")).ToBeHiddenAsync();
        await Screenshot(page, "edit-error-1366x768-zh.png");
        Assert.Equal(2L, (await server.GetTask(branch, id)).GetProperty("version").GetInt64());

        // Delete, after a confirmation.
        await form.Locator(".delete").ClickAsync();
        await Assertions.Expect(form.Locator(".confirm-delete")).ToContainTextAsync("四强支部建设（第四季度）");
        await Screenshot(page, "delete-confirm-1366x768-zh.png");
        await form.Locator(".confirm-yes").ClickAsync();
        await Assertions.Expect(page.Locator(".open-tasks .task")).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Admin.GetAsync(Api.Task(branch, id))).StatusCode);
        _browser.NoViolations();
    }

    [Fact]
    public async Task Refused_fields_are_named_beside_each_field_in_english_too_and_fit_a_phone_and_a_laptop()
    {
        var branch = await server.Branch("第三党支部");
        await server.Task(branch, "t1", "主题党日活动", "party");
        var editor = await server.Editor(branch);
        foreach (var (size, label) in new[] { (Laptop, "1366x768"), (Phone, "375x667") })
            foreach (var lang in new[] { "zh", "en" })
            {
                var page = await _browser.NewPage(size);
                await _browser.SignIn(page, editor, $"/app?unit={branch}&lang={lang}");
                await page.ClickAsync(".new-task");
                var create = page.Locator(".new-task-panel");
                await create.Locator("[name=weight]").FillAsync("很多");
                await create.Locator("[name=tags]").FillAsync("四强，四强");
                await create.Locator(".submit").ClickAsync();
                foreach (var field in new[] { "title", "weight", "start", "due", "tags" })
                    await Assertions.Expect(create.Locator($".field-{field} .field-error")).ToBeVisibleAsync();
                if (lang == "zh")
                {
                    await Assertions.Expect(create.Locator(".field-tags .field-error")).ToHaveTextAsync("标签不能重复");
                    await Assertions.Expect(create.Locator(".field-title .field-error")).ToHaveTextAsync("标题须为 1 至 200 个字");
                }
                else await Assertions.Expect(create.Locator(".field-tags .field-error")).ToContainTextAsync("must not repeat");
                await Screenshot(page, $"create-errors-{label}-{lang}.png");
                await page.Locator(".task[data-task='t1'] .edit-toggle").ClickAsync();
                await Screenshot(page, $"edit-{label}-{lang}.png");
                await page.Context.CloseAsync();
            }
        Assert.Single(await Tasks(branch));
        _browser.NoViolations();
    }

    [Fact]
    public async Task An_editor_creates_a_duty_expected_at_its_due_date_sees_it_labelled_and_makes_it_linear_again()
    {
        var branch = await server.Branch("第六党支部");
        await server.Task(branch, "t1", "党员发展", "party");
        var editor = await server.Editor(branch);
        var page = await _browser.NewPage(Laptop);
        await _browser.SignIn(page, editor, $"/app?unit={branch}");

        await page.ClickAsync(".new-task");
        var create = page.Locator(".new-task-panel");
        await Assertions.Expect(create.Locator("[name=expectation]")).ToHaveValueAsync("linear");
        await Assertions.Expect(create.Locator(".field-expectation .field-hint")).ToHaveTextAsync("到期完成：截止前不计滞后，适合例会、主题党日等按期完成的事项");
        await create.Locator("[name=title]").FillAsync("十二月主题党日");
        await create.Locator("[name=start]").FillAsync($"{Year}-12-01");
        await create.Locator("[name=due]").FillAsync($"{Year}-12-31");
        await create.Locator("[name=expectation]").SelectOptionAsync("atDue");
        await create.Locator(".submit").ClickAsync();

        await Assertions.Expect(page.Locator(".open-tasks .task")).ToHaveCountAsync(2);
        var duty = (await Tasks(branch)).Single(t => t.GetProperty("title").GetString() == "十二月主题党日");
        Assert.Equal("atDue", duty.GetProperty("expectation").GetString());
        var id = duty.GetProperty("id").GetString()!;
        var row = page.Locator($".task[data-task='{id}']");
        await Assertions.Expect(row.Locator(".expectation-chip")).ToHaveTextAsync("到期完成");
        await Assertions.Expect(page.Locator(".task[data-task='t1'] .expectation-chip")).ToBeHiddenAsync();

        // Every size and both languages: the form with its hint and the labelled row fit.
        foreach (var (width, height) in new[] { (1366, 768), (1920, 1080), (3840, 2160), (375, 667) })
            foreach (var lang in new[] { "zh", "en" })
            {
                var look = await _browser.NewPage(new ViewportSize { Width = width, Height = height });
                await _browser.SignIn(look, editor, $"/app?unit={branch}&lang={lang}");
                var shown = look.Locator($".task[data-task='{id}']");
                await Assertions.Expect(shown.Locator(".expectation-chip")).ToHaveTextAsync(lang == "zh" ? "到期完成" : "By the due date");
                await shown.Locator(".edit-toggle").ClickAsync();
                await Assertions.Expect(shown.Locator(".task-form [name=expectation]")).ToHaveValueAsync("atDue");
                await look.ClickAsync(".new-task");
                await Screenshot(look, $"expectation-{width}x{height}-{lang}.png");
                await look.Context.CloseAsync();
            }

        // Back to 按进度 in the edit form: stored linear, the label goes.
        await row.Locator(".edit-toggle").ClickAsync();
        await row.Locator(".task-form [name=expectation]").SelectOptionAsync("linear");
        await row.Locator(".task-form .submit").ClickAsync();
        await Assertions.Expect(row.Locator(".expectation-chip")).ToBeHiddenAsync();
        var edited = await server.GetTask(branch, id);
        Assert.Equal(("linear", 2L), (edited.GetProperty("expectation").GetString(), edited.GetProperty("version").GetInt64()));
        _browser.NoViolations();
    }

    [Fact]
    public async Task An_edit_over_someone_elses_change_is_a_conflict_that_shows_the_task_as_it_is_and_changes_nothing()
    {
        var branch = await server.Branch("第五党支部");
        await server.Task(branch, "t1", "党员发展", "party");
        var editor = await server.Editor(branch);
        var page = await _browser.NewPage(Laptop);
        await _browser.SignIn(page, editor, $"/app?unit={branch}");
        var row = page.Locator(".task[data-task='t1']");
        await row.Locator(".edit-toggle").ClickAsync();
        await row.Locator(".task-form [name=title]").FillAsync("党员发展（我改的）");

        (await server.Admin.PatchAsync(Api.Task(branch, "t1"), JsonContent.Create(new { title = "党员发展（别人改的）" }))).EnsureSuccessStatusCode();
        await row.Locator(".task-form .submit").ClickAsync();

        await Assertions.Expect(row.Locator(".task-form .form-error.general")).ToContainTextAsync("此任务刚被他人修改，当前为：“党员发展（别人改的）”");
        await Assertions.Expect(row.Locator(".task-title")).ToHaveTextAsync("党员发展（别人改的）");
        await Assertions.Expect(row.Locator(".task-form [name=title]")).ToHaveValueAsync("党员发展（我改的）");
        var stored = await server.GetTask(branch, "t1");
        Assert.Equal(("党员发展（别人改的）", 2L), (stored.GetProperty("title").GetString(), stored.GetProperty("version").GetInt64()));
        _browser.NoViolations();
    }

    [Fact]
    public async Task A_read_only_person_sees_no_edit_controls()
    {
        var branch = await server.Branch("第四党支部");
        await server.Task(branch, "t1", "党员发展", "party");
        var viewer = Api.Id("wb-viewer");
        (await server.Admin.PostAsJsonAsync("/api/v1/users",
            new { username = viewer, password = WorkbenchServer.Password, displayName = "查看人", role = "viewer", unitId = branch })).EnsureSuccessStatusCode();
        var page = await _browser.NewPage(Laptop);
        await _browser.SignIn(page, viewer, $"/app?unit={branch}");

        await Assertions.Expect(page.Locator(".task[data-task='t1']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".new-task")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".task[data-task='t1'] .edit-toggle")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".task-form:visible")).ToHaveCountAsync(0);
        _browser.NoViolations();
    }
}
