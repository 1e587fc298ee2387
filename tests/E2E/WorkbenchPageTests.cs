using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cascade.Tests.Support;
using Microsoft.Playwright;

namespace Cascade.Tests.E2E;

/// <summary>The branch workbench <c>/app</c> in Debian's Chromium against the real product in a child process.</summary>
[Collection(Serial.Name)]
public sealed class WorkbenchPageTests(Chromium chromium, WorkbenchServer server) : IClassFixture<Chromium>, IClassFixture<WorkbenchServer>
{
    private static readonly ViewportSize Desktop = new() { Width = 1920, Height = 1080 };
    private static readonly ViewportSize Phone = new() { Width = 375, Height = 667 };

    private readonly WorkbenchBrowser _browser = new(chromium, server);

    private Task<IPage> NewPage(ViewportSize size) => _browser.NewPage(size);

    private Task SignIn(IPage page, string username, string path) => _browser.SignIn(page, username, path);

    private static Task Live(IPage page) => WorkbenchBrowser.Live(page);

    private static ILocator Row(IPage page, string taskId) => page.Locator($".task[data-task='{taskId}']");

    // As the page rounds: Math.round, halves up.
    private static string Percent(JsonElement fraction) =>
        fraction.ValueKind == JsonValueKind.Null ? "—" : $"{Math.Floor(fraction.GetDouble() * 100 + 0.5)}%";

    private void NoViolations() => _browser.NoViolations();

    [Fact]
    public async Task An_editor_signs_in_and_lands_on_their_units_tasks_grouped_by_track_with_the_walls_figures()
    {
        var branch = await server.Branch("第一党支部");
        await server.Task(branch, "study", "主题党日", "party");
        await server.Task(branch, "late", "上半年组织生活会", "party", "2020-01-01", "2020-06-30");
        await server.Task(branch, "work", "科技项目验收", "business");
        var editor = await server.Editor(branch);
        var page = await NewPage(Desktop);

        await SignIn(page, editor, "/app");

        await Assertions.Expect(page.Locator("#unit-name")).ToHaveTextAsync("第一党支部");
        await Assertions.Expect(page.Locator("#access")).ToContainTextAsync("可填报");
        await Assertions.Expect(page.Locator(".open-tasks .task[data-track='party']")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".open-tasks .task[data-track='business']")).ToHaveCountAsync(1);
        await Assertions.Expect(Row(page, "study").Locator(".track-chip")).ToHaveTextAsync("党建");
        await Assertions.Expect(page.Locator(".open-tasks .track-count")).ToHaveTextAsync("3 项");
        // Overdue first: the overdue one leads, with its mark.
        await Assertions.Expect(page.Locator(".open-tasks .task").First).ToHaveAttributeAsync("data-task", "late");
        await Assertions.Expect(Row(page, "late").Locator(".flag.overdue")).ToBeVisibleAsync();
        await Assertions.Expect(Row(page, "late").Locator(".due")).ToHaveTextAsync("截止 2020-06-30");
        await Assertions.Expect(Row(page, "study").Locator(".flag.overdue")).ToBeHiddenAsync();

        var summary = await server.Summary(branch);
        await Assertions.Expect(page.Locator("[data-figure='party'] .figure-value")).ToHaveTextAsync(Percent(summary.GetProperty("party").GetProperty("progress")));
        await Assertions.Expect(page.Locator("[data-figure='overdue'] .figure-value")).ToHaveTextAsync(summary.GetProperty("all").GetProperty("overdue").GetInt32().ToString());
        await Assertions.Expect(page.Locator("#summary")).ToHaveAttributeAsync("data-health", summary.GetProperty("health").GetString()!);
        NoViolations();
    }

    [Fact]
    public async Task One_tap_saves_progress_and_a_kiosk_wall_shows_the_new_figure()
    {
        var branch = await server.Branch();
        await server.Task(branch, "t1", "党员发展", "party");
        var editor = await server.Editor(branch);
        var wall = await NewPage(Desktop);
        await wall.GotoAsync(server.Url($"/wall?unit={branch}&depth=1&kiosk={await server.Kiosk(branch)}"));
        var tile = wall.Locator($".tile[data-unit='{branch}'] .track.party .track-value");
        await Assertions.Expect(tile).ToHaveTextAsync("0%");
        var page = await NewPage(Desktop);
        await SignIn(page, editor, $"/app?unit={branch}");

        await Row(page, "t1").Locator(".step[data-progress='50']").ClickAsync();

        await Assertions.Expect(Row(page, "t1").Locator(".message")).ToHaveTextAsync("已保存");
        await Assertions.Expect(Row(page, "t1").Locator(".progress-value")).ToHaveTextAsync("50%");
        await Assertions.Expect(Row(page, "t1").Locator(".status-chip")).ToHaveTextAsync("进行中");
        await Assertions.Expect(tile).ToHaveTextAsync("50%", new() { Timeout = 5000 });
        await Assertions.Expect(page.Locator("[data-figure='party'] .figure-value")).ToHaveTextAsync("50%", new() { Timeout = 5000 });
        var task = await server.GetTask(branch, "t1");
        Assert.Equal(50, task.GetProperty("progress").GetInt32());
        Assert.Equal(editor, task.GetProperty("updatedBy").GetString());
        NoViolations();
    }

    [Fact]
    public async Task A_concurrent_change_turns_the_next_tap_into_a_message_with_the_new_value_and_changes_nothing()
    {
        var branch = await server.Branch();
        await server.Task(branch, "t1", "党费收缴", "party");
        var editor = await server.Editor(branch);
        var page = await NewPage(Desktop);
        // The hub's pushes can be held back, so the page cannot hear of the other edit before the tap.
        var holding = false;
        await page.RouteWebSocketAsync(new Regex("/hubs/wall"), socket =>
        {
            var hub = socket.ConnectToServer();
            hub.OnMessage(frame =>
            {
                if (Volatile.Read(ref holding)) return;
                if (frame.Text is { } text) socket.Send(text);
                else socket.Send(frame.Binary!);
            });
        });
        await SignIn(page, editor, $"/app?unit={branch}");
        await Assertions.Expect(Row(page, "t1").Locator(".progress-value")).ToHaveTextAsync("0%");

        Volatile.Write(ref holding, true);
        (await server.Admin.PatchAsJsonAsync($"/api/v1/units/{branch}/tasks/t1", new { progress = 60, note = "他人填报" })).EnsureSuccessStatusCode();
        await Row(page, "t1").Locator(".step[data-progress='25']").ClickAsync();

        var message = Row(page, "t1").Locator(".message");
        await Assertions.Expect(message).ToHaveAttributeAsync("data-kind", "conflict");
        await Assertions.Expect(message).ToContainTextAsync("此任务刚被他人修改");
        await Assertions.Expect(message).ToContainTextAsync("进度 60%");
        await Assertions.Expect(message).ToContainTextAsync("状态 进行中");
        await Assertions.Expect(Row(page, "t1").Locator(".progress-value")).ToHaveTextAsync("60%");
        await Assertions.Expect(Row(page, "t1").Locator(".note-text")).ToHaveTextAsync("他人填报");
        var task = await server.GetTask(branch, "t1");
        Assert.Equal(60, task.GetProperty("progress").GetInt32());
        Assert.Equal(2, task.GetProperty("version").GetInt64());
        NoViolations();
    }

    [Fact]
    public async Task A_sibling_units_tasks_offer_no_write_and_a_write_from_the_page_is_refused()
    {
        var own = await server.Branch("本支部");
        var sibling = await server.Branch("兄弟支部");
        await server.Task(sibling, "t1", "兄弟支部的任务", "business");
        var editor = await server.Editor(own);
        var page = await NewPage(Desktop);
        await SignIn(page, editor, $"/app?unit={sibling}");

        await Assertions.Expect(page.Locator("#unit-name")).ToHaveTextAsync("兄弟支部");
        await Assertions.Expect(page.Locator("#access")).ToContainTextAsync("只读");
        await Assertions.Expect(Row(page, "t1")).ToBeVisibleAsync();
        await Assertions.Expect(Row(page, "t1").Locator(".editor")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("button.step:visible, button.status:visible")).ToHaveCountAsync(0);

        var status = await page.EvaluateAsync<int>($$"""
            async () => (await fetch('/api/v1/units/{{sibling}}/tasks/t1', {
              method: 'PATCH', headers: { 'Content-Type': 'application/json', 'If-Match': '"1"' }, body: JSON.stringify({ progress: 90 }),
            })).status
            """);
        Assert.Equal(403, status);
        // Were the buttons there after all, the server's refusal is what the person reads.
        await page.EvaluateAsync("() => document.querySelectorAll('.editor').forEach((e) => { e.hidden = false; e.querySelectorAll('button').forEach((b) => { b.disabled = false; }); })");
        await Row(page, "t1").Locator(".step[data-progress='75']").ClickAsync();
        await Assertions.Expect(Row(page, "t1").Locator(".message")).ToHaveTextAsync("你无权修改此单位的任务");
        var task = await server.GetTask(sibling, "t1");
        Assert.Equal(0, task.GetProperty("progress").GetInt32());
        Assert.Equal(1, task.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Script_in_names_titles_and_notes_is_shown_as_text()
    {
        const string title = "<img src=x onerror=\"window.__pwned=1\">";
        const string note = "<script>window.__pwned=2</script>";
        const string name = "<b onmouseover=\"window.__pwned=3\">支部</b>";
        var branch = await server.Branch(name);
        await server.Task(branch, "t1", title, "party", note: note);
        var editor = await server.Editor(branch, "<img src=y onerror=\"window.__pwned=4\">");
        var page = await NewPage(Desktop);
        await SignIn(page, editor, $"/app?unit={branch}");

        await Assertions.Expect(Row(page, "t1").Locator(".task-title")).ToHaveTextAsync(title);
        await Assertions.Expect(Row(page, "t1").Locator(".note-text")).ToHaveTextAsync(note);
        await Assertions.Expect(page.Locator("#unit-name")).ToHaveTextAsync(name);
        await Assertions.Expect(page.Locator("#person")).ToContainTextAsync("onerror");
        Assert.Equal(0, await page.Locator("main img, main script, main b, header img").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__pwned ?? null"));
        NoViolations();
    }

    [Fact]
    public async Task On_a_phone_the_tasks_fit_without_sideways_scrolling_and_two_taps_report_progress()
    {
        var branch = await server.Branch("成果转化与区域创新处党支部");
        await server.Task(branch, "t1", "深入学习贯彻党的二十届四中全会精神，推动科技创新和产业创新深度融合", "party");
        await server.Task(branch, "t2", "区域创新体系建设", "business");
        var editor = await server.Editor(branch);
        var page = await NewPage(Phone);
        await SignIn(page, editor, "/app");

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling");
        await Row(page, "t1").Locator(".toggle").TapAsync();
        await Row(page, "t1").Locator(".step[data-progress='75']").TapAsync();
        await Assertions.Expect(Row(page, "t1").Locator(".message")).ToHaveTextAsync("已保存");
        Assert.Equal(75, (await server.GetTask(branch, "t1")).GetProperty("progress").GetInt32());
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling with the editor open");
        foreach (var box in await Row(page, "t1").Locator("button").EvaluateAllAsync<double[][]>("all => all.map((b) => { const r = b.getBoundingClientRect(); return [r.width, r.height]; })"))
            Assert.True(box[0] >= 44 && box[1] >= 44, $"a tap target of {box[0]}x{box[1]} px");
        NoViolations();
    }

    [Fact]
    public async Task The_english_switch_changes_the_words_and_is_remembered()
    {
        var branch = await server.Branch();
        await server.Task(branch, "t1", "主题党日", "party");
        var editor = await server.Editor(branch);
        var page = await NewPage(Desktop);
        await SignIn(page, editor, "/app");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");

        await page.ClickAsync("#lang-switch");
        await page.WaitForURLAsync(new Regex("lang=en"));
        await Live(page);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(Row(page, "t1").Locator(".track-chip")).ToHaveTextAsync("Party");
        await Assertions.Expect(page.Locator(".open-tasks .track-count")).ToHaveTextAsync("1 task");
        await Assertions.Expect(page.Locator("#sign-out")).ToHaveTextAsync("Sign out");
        await Assertions.Expect(Row(page, "t1").Locator(".status[data-status='done']")).ToHaveTextAsync("done");

        await page.GotoAsync(server.Url("/app"));
        await Live(page);
        await Assertions.Expect(page.Locator(".open-tasks .track-name")).ToHaveTextAsync("Open tasks");
        NoViolations();
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_the_workbench_asks_for_sign_in_again()
    {
        var branch = await server.Branch();
        var editor = await server.Editor(branch);
        var page = await NewPage(Desktop);
        await SignIn(page, editor, "/app");

        await page.ClickAsync("#sign-out");
        await page.WaitForURLAsync(new Regex("/login"));
        await page.GotoAsync(server.Url("/app"));
        await page.WaitForURLAsync(new Regex("/login\\?returnUrl=%2Fapp$"));
        NoViolations();
    }
}
