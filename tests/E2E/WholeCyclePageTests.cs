using System.Text.Json;
using Microsoft.Playwright;

namespace Cascade.Tests.E2E;

/// <summary>
/// The cycle without curl, in Chromium, from an empty store: an admin builds a department in the
/// console (a root, a committee, three branches, a secretary, a wall link for the committee); the
/// secretary adds a task in the workbench; the committee hands one piece of work to its three
/// branches; the secretary reports the copy done; the committee's workbench and its wall's
/// 交办事项 panel show it, and the API agrees.
/// </summary>
[Collection(Serial.Name)]
public sealed class WholeCyclePageTests(Chromium chromium, AdminConsoleServer server) : IClassFixture<Chromium>, IClassFixture<AdminConsoleServer>
{
    private static readonly ViewportSize Laptop = new() { Width = 1366, Height = 768 };
    private const string Password = "zb1-secretary-password";
    private static readonly int Year = DateTime.UtcNow.Year;

    [Fact]
    public async Task A_department_is_built_planned_handed_down_reported_and_watched_in_the_browser()
    {
        // 1. The admin builds the department in the console.
        var admin = await server.Console(chromium, Laptop);
        await AdminConsolePageTests.CreateUnit(admin, "dept", "测试厅党组", "partyGroup", null);
        await AdminConsolePageTests.CreateUnit(admin, "jgdw", "机关党委", "organCommittee", "dept");
        foreach (var (branch, name) in new[] { ("zb1", "办公室党支部"), ("zb2", "科研处党支部") })
            await AdminConsolePageTests.CreateUnit(admin, branch, name, "branch", "jgdw");
        // The admin moves on to the user form while the console is still refreshing after the last
        // unit (its notification settings answering slowly): the refresh's end must not pull the
        // focus back to the unit form, or the next keystrokes land in the wrong field.
        await admin.RouteAsync("**/api/v1/notify", async route => { await Task.Delay(1_500); await route.ContinueAsync(); });
        await admin.FillAsync("#uc-id", "zb3");
        await admin.SelectOptionAsync("#uc-kind", "branch");
        await admin.SelectOptionAsync("#uc-parent", "jgdw");
        await admin.FillAsync("#uc-name", "财务处党支部");
        await admin.PressAsync("#uc-name", "Enter");
        await Assertions.Expect(admin.Locator("#uc-message")).ToHaveTextAsync("已新建“财务处党支部”");
        await admin.FillAsync("#nc-username", "zb1-sj");
        await Assertions.Expect(admin.Locator("#uc-submit")).ToBeDisabledAsync();
        // The unit form's button comes back when its save has wholly ended, refresh and focus included.
        await Assertions.Expect(admin.Locator("#uc-submit")).ToBeEnabledAsync();
        await Assertions.Expect(admin.Locator("#unit-tree [data-unit-id='zb3']")).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator("#nc-username")).ToBeFocusedAsync();
        await admin.UnrouteAsync("**/api/v1/notify");
        await admin.FillAsync("#nc-display", "办公室党支部书记");
        await admin.SelectOptionAsync("#nc-role", "editor");
        await admin.SelectOptionAsync("#nc-unit", "zb1");
        await admin.FillAsync("#nc-password", Password);
        await admin.PressAsync("#nc-password", "Enter");
        await Assertions.Expect(admin.Locator("#nc-message")).ToContainTextAsync("已新建用户“办公室党支部书记”");
        await admin.FillAsync("#kc-name", "机关党委大屏");
        await admin.SelectOptionAsync("#kc-unit", "jgdw");
        await admin.FillAsync("#kc-depth", "1");
        await admin.PressAsync("#kc-name", "Enter");
        // The link's QR code is drawn on the server: more than Playwright's 5 s on a busy CI machine.
        await Assertions.Expect(admin.Locator("#dialog")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var wallLink = (await admin.TextContentAsync("#dialog-value"))!;
        await admin.Keyboard.PressAsync("Escape");

        // 2. The secretary adds a task of the branch's own.
        var secretary = await server.NewPage(chromium, Laptop);
        await server.SignIn(secretary, "zb1-sj", Password, "/app?unit=zb1");
        await Assertions.Expect(secretary.Locator("body")).ToHaveAttributeAsync("data-live", "true");
        await secretary.ClickAsync(".new-task");
        var create = secretary.Locator(".new-task-panel");
        await create.Locator("[name=title]").FillAsync("支部品牌建设");
        await create.Locator("[name=start]").FillAsync($"{Year}-01-01");
        await create.Locator("[name=due]").FillAsync($"{Year}-12-31");
        await create.Locator("[name=tags]").FillAsync("四强");
        await create.Locator(".submit").ClickAsync();
        await Assertions.Expect(secretary.Locator(".open-tasks .task")).ToHaveCountAsync(1);

        // 3. The committee hands one piece of work to its three branches.
        await admin.GotoAsync(server.Url("/app?unit=jgdw"));
        await Assertions.Expect(admin.Locator("body")).ToHaveAttributeAsync("data-live", "true");
        var section = admin.Locator("#directives");
        await section.Locator(".new-directive").ClickAsync();
        var form = section.Locator(".new-directive-panel");
        await form.Locator("[name=title]").FillAsync("主题教育专题学习");
        await form.Locator("[name=start]").FillAsync($"{Year}-01-01");
        await form.Locator("[name=due]").FillAsync($"{Year + 1}-01-31");
        await form.Locator("[name=note]").FillAsync("各支部按计划组织专题学习");
        await form.Locator(".target-mode input[value='branches']").CheckAsync();
        await form.Locator(".submit").ClickAsync();
        await Assertions.Expect(section.Locator(".message.ok")).ToHaveTextAsync("已下发至 3 个单位");
        var directive = Assert.Single((await server.Get("/api/v1/directives?issuer=jgdw")).EnumerateArray());
        var id = directive.GetProperty("id").GetString()!;
        Assert.Equal(3, directive.GetProperty("targetCount").GetInt32());
        var row = section.Locator($".directive[data-directive='{id}']");
        await Assertions.Expect(row.Locator(".directive-done")).ToHaveTextAsync("0/3 完成");

        // The committee's wall, through its kiosk link.
        var wall = await server.NewPage(chromium, new ViewportSize { Width = 1920, Height = 1080 });
        await wall.GotoAsync(wallLink);
        var panelRow = wall.Locator($"#directives-panel .dir-row[data-directive='{id}']");
        await Assertions.Expect(panelRow.Locator(".dir-done")).ToHaveTextAsync("0/3 完成", new() { Timeout = 15_000 });

        // 4. The secretary sees the copy handed down and reports it done.
        await secretary.ReloadAsync();
        var copy = secretary.Locator($".task[data-task='{id}']");
        await Assertions.Expect(copy.Locator(".origin-chip")).ToContainTextAsync("机关党委");
        await copy.Locator(".step[data-progress='100']").ClickAsync();
        await Assertions.Expect(copy.Locator(".status-chip")).ToHaveTextAsync("完成");

        // 5. The roll-up shows it: the issuer's workbench and the wall follow without a reload; the API agrees.
        await Assertions.Expect(row.Locator(".directive-done")).ToHaveTextAsync("1/3 完成", new() { Timeout = 10_000 });
        await Assertions.Expect(panelRow.Locator(".dir-done")).ToHaveTextAsync("1/3 完成", new() { Timeout = 10_000 });
        var rollup = (await server.Get($"/api/v1/directives/{id}")).GetProperty("rollup");
        Assert.Equal((1, 2), (rollup.GetProperty("doneUnits").GetInt32(), rollup.GetProperty("notStartedUnits").GetInt32()));
        var tasks = (await server.Get("/api/v1/units/zb1/tasks")).EnumerateArray().ToList();
        Assert.Equal(2, tasks.Count);
        Assert.Contains(tasks, t => t.GetProperty("title").GetString() == "支部品牌建设" && t.GetProperty("directiveId").ValueKind == JsonValueKind.Null);
        Assert.Contains(tasks, t => t.GetProperty("id").GetString() == id && t.GetProperty("status").GetString() == "done");
        await AdminConsoleServer.Shoot(wall, "whole-cycle-wall-1920.png");
        server.NoViolations();
    }
}
