using System.Text.Json;
using Cascade.Tests.Support;
using Microsoft.Playwright;

namespace Cascade.Tests.E2E;

/// <summary>
/// The admin console in Chromium, from an empty store: an admin builds a department (a root, a
/// committee, three branches, a secretary for one branch, a wall link with its QR code) with the
/// keyboard and the mouse, the API then shows them; refusals appear in words; a person who is
/// not an admin cannot open the console.
/// </summary>
[Collection(Serial.Name)]
public sealed class AdminConsolePageTests(Chromium chromium, AdminConsoleServer server) : IClassFixture<Chromium>, IClassFixture<AdminConsoleServer>
{
    private static readonly ViewportSize Laptop = new() { Width = 1366, Height = 768 };

    /// <summary>Fills the new-unit form and presses Enter in the name field; waits for the words that say it is done.</summary>
    internal static async Task CreateUnit(IPage page, string id, string name, string kind, string? parent)
    {
        await page.FillAsync("#uc-id", id);
        await page.SelectOptionAsync("#uc-kind", kind);
        await page.SelectOptionAsync("#uc-parent", parent ?? "");
        await page.FillAsync("#uc-name", name);
        await page.PressAsync("#uc-name", "Enter");
        await Assertions.Expect(page.Locator("#uc-message")).ToHaveTextAsync($"已新建“{name}”");
        await Assertions.Expect(page.Locator($"#unit-tree [data-unit-id='{id}']")).ToBeVisibleAsync();
        // The save ends when the whole console has refreshed and the id field is ready for the next unit.
        await Assertions.Expect(page.Locator("#uc-id")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task An_admin_builds_a_department_from_an_empty_store_in_the_browser()
    {
        var page = await server.Console(chromium, Laptop);
        await Assertions.Expect(page.Locator("#unit-empty")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#to-admin")).ToBeHiddenAsync(); // the console itself needs no link to itself
        await AdminConsoleServer.Shoot(page, "admin-empty-zh-1366.png");

        await CreateUnit(page, "dept", "测试厅党组", "partyGroup", null);
        await CreateUnit(page, "jgdw", "机关党委", "organCommittee", "dept");
        foreach (var (id, name) in new[] { ("zb1", "办公室党支部"), ("zb2", "科研处党支部"), ("zb3", "财务处党支部") })
            await CreateUnit(page, id, name, "branch", "jgdw");

        // A rename through the edit form, opened from the tree.
        await page.ClickAsync("#unit-tree [data-unit-id='zb3'] button");
        await Assertions.Expect(page.Locator("#ue-name")).ToBeFocusedAsync();
        await page.FillAsync("#ue-name", "计划财务处党支部");
        await page.PressAsync("#ue-name", "Enter");
        await Assertions.Expect(page.Locator("#ue-message")).ToHaveTextAsync("已保存“计划财务处党支部”");

        // A refusal in words: the committee has branches, so it cannot be deleted. Esc first closes the confirmation and deletes nothing.
        await page.SelectOptionAsync("#ue-unit", "jgdw");
        await page.ClickAsync("#ue-delete");
        await Assertions.Expect(page.Locator("#dialog")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("#dialog")).ToBeHiddenAsync();
        await page.ClickAsync("#ue-delete");
        await page.ClickAsync("#dialog-ok");
        await Assertions.Expect(page.Locator("#ue-message")).ToHaveTextAsync("单位“机关党委”下还有 3 个下级单位，不能删除：请先删除或移走下级单位");
        await Assertions.Expect(page.Locator("#ue-message")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("error"));

        // A move (a new parent) and a delete that is allowed, on a unit made for it.
        await CreateUnit(page, "tmp", "临时党支部", "branch", "jgdw");
        await page.ClickAsync("#unit-tree [data-unit-id='tmp'] button");
        await page.SelectOptionAsync("#ue-parent", "dept");
        await page.ClickAsync("#ue-submit");
        await Assertions.Expect(page.Locator("#ue-message")).ToHaveTextAsync("已保存“临时党支部”");
        Assert.Equal("dept", (await server.Get("/api/v1/units/tmp")).GetProperty("parentId").GetString());
        await page.ClickAsync("#ue-delete");
        await page.ClickAsync("#dialog-ok");
        await Assertions.Expect(page.Locator("#ue-message")).ToHaveTextAsync("已删除“临时党支部”");
        await Assertions.Expect(page.Locator("#unit-tree [data-unit-id='tmp']")).ToHaveCountAsync(0);

        // A secretary for one branch, with a generated initial password.
        await page.FillAsync("#nc-username", "zb1-sj");
        await page.FillAsync("#nc-display", "办公室党支部书记");
        await page.SelectOptionAsync("#nc-role", "editor");
        await page.SelectOptionAsync("#nc-unit", "zb1");
        await page.ClickAsync("#nc-generate");
        var initial = await page.InputValueAsync("#nc-password");
        Assert.Matches("^[A-Za-z2-9]{16}$", initial);
        await page.PressAsync("#nc-password", "Enter");
        await Assertions.Expect(page.Locator("#nc-message")).ToContainTextAsync("已新建用户“办公室党支部书记”");

        // The same username again: refused in words, nothing changed.
        await page.FillAsync("#nc-username", "zb1-sj");
        await page.FillAsync("#nc-display", "另一人");
        await page.FillAsync("#nc-password", "another-long-password");
        await page.PressAsync("#nc-password", "Enter");
        await Assertions.Expect(page.Locator("#nc-message")).ToHaveTextAsync("用户名“zb1-sj”已被使用，请换一个");

        // A wall link: the link and the server's QR code, shown once.
        await page.FillAsync("#kc-name", "一楼大厅大屏");
        await page.SelectOptionAsync("#kc-unit", "dept");
        await page.FillAsync("#kc-depth", "2");
        await page.PressAsync("#kc-name", "Enter");
        await Assertions.Expect(page.Locator("#dialog")).ToBeVisibleAsync();
        var link = await page.TextContentAsync("#dialog-value");
        Assert.StartsWith(server.Url("/wall?unit=dept&depth=2&kiosk="), link);
        Assert.StartsWith("data:image/png;base64,", await page.GetAttributeAsync("#dialog-qr", "src"));
        Assert.True(await page.EvalOnSelectorAsync<int>("#dialog-qr", "img => img.naturalWidth") > 100);
        await AdminConsoleServer.Shoot(page, "admin-kiosk-zh-1366.png");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("#dialog")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#kiosk-list li")).ToHaveCountAsync(1);

        // Disable and enable again.
        await page.SelectOptionAsync("#ne-user", "zb1-sj");
        await page.ClickAsync("#ne-disable");
        await Assertions.Expect(page.Locator("#ne-message")).ToHaveTextAsync("已停用“办公室党支部书记”");
        Assert.True((await server.Get("/api/v1/users")).EnumerateArray().Single(u => u.GetProperty("username").GetString() == "zb1-sj").GetProperty("disabled").GetBoolean());
        await Assertions.Expect(page.Locator("#ne-disable")).ToHaveTextAsync("启用");
        await page.ClickAsync("#ne-disable");
        await Assertions.Expect(page.Locator("#ne-message")).ToHaveTextAsync("已启用“办公室党支部书记”");

        // A password reset: confirmed, shown once.
        await page.ClickAsync("#ne-reset");
        await page.ClickAsync("#dialog-ok");
        await Assertions.Expect(page.Locator("#dialog-secret")).ToBeVisibleAsync();
        var reset = await page.TextContentAsync("#dialog-value");
        Assert.Matches("^[A-Za-z2-9]{16}$", reset);
        Assert.NotEqual(initial, reset);
        await page.ClickAsync("#dialog-ok");
        await Assertions.Expect(page.Locator("#dialog")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#dialog-value")).ToHaveTextAsync(""); // shown once: gone from the page
        await AdminConsoleServer.Shoot(page, "admin-built-zh-1366.png", fullPage: true);

        // The API shows what the browser built.
        var units = (await server.Get("/api/v1/units")).EnumerateArray()
            .ToDictionary(u => u.GetProperty("id").GetString()!, u => (Parent: u.GetProperty("parentId").GetString(), Name: u.GetProperty("name").GetString(), Kind: u.GetProperty("kind").GetString()));
        Assert.Equal((null, "测试厅党组", "partyGroup"), units["dept"]);
        Assert.Equal(("dept", "机关党委", "organCommittee"), units["jgdw"]);
        Assert.Equal(("jgdw", "办公室党支部", "branch"), units["zb1"]);
        Assert.Equal(("jgdw", "计划财务处党支部", "branch"), units["zb3"]);
        Assert.Equal(5, units.Count);
        var user = (await server.Get("/api/v1/users")).EnumerateArray().Single(u => u.GetProperty("username").GetString() == "zb1-sj");
        Assert.Equal(("editor", "zb1", "办公室党支部书记"), (user.GetProperty("role").GetString(), user.GetProperty("unitId").GetString(), user.GetProperty("displayName").GetString()));
        var kiosk = Assert.Single((await server.Get("/api/v1/kiosks")).EnumerateArray());
        Assert.Equal(("一楼大厅大屏", "dept", 2), (kiosk.GetProperty("name").GetString(), kiosk.GetProperty("unitId").GetString(), kiosk.GetProperty("depth").GetInt32()));
        // Every change went through the API, so the audit trail has it (units hand their entries
        // to the trail from their outboxes after answering).
        string[] actions = ["unit.create", "unit.update", "unit.delete", "user.create", "user.password", "kiosk.create"];
        var audit = "";
        await Eventually.True(async () => actions.All((audit = (await server.Get("/api/v1/audit?limit=100")).ToString()).Contains),
            "every change is in the trail", TimeSpan.FromSeconds(10), () => string.Join(", ", actions.Where(a => !audit.Contains(a))) + " missing");

        // The workbench's header leads admins here.
        await page.GotoAsync(server.Url("/app?unit=zb1"));
        await Assertions.Expect(page.Locator("#cover")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#to-admin")).ToHaveTextAsync("管理");
        await page.ClickAsync("#to-admin");
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-live", "true");
        Assert.EndsWith("/admin", page.Url);

        // Revoking the wall link asks first; then it is gone from the page and the API.
        await page.ClickAsync("#kiosk-list li button.danger");
        await Assertions.Expect(page.Locator("#dialog-text")).ToContainTextAsync("一楼大厅大屏");
        await page.ClickAsync("#dialog-ok");
        await Assertions.Expect(page.Locator("#kc-message")).ToHaveTextAsync("已撤销“一楼大厅大屏”");
        await Assertions.Expect(page.Locator("#kiosk-list li")).ToHaveCountAsync(0);
        Assert.Equal(0, (await server.Get("/api/v1/kiosks")).GetArrayLength());

        // The secretary signs in with the reset password: the workbench, but not the console.
        var secretary = await server.NewPage(chromium, Laptop);
        await server.SignIn(secretary, "zb1-sj", reset!, "/admin");
        await Assertions.Expect(secretary.Locator("h1")).ToHaveTextAsync("只有管理员可以打开管理页面");
        await secretary.GotoAsync(server.Url("/app"));
        await Assertions.Expect(secretary.Locator("#cover")).ToBeHiddenAsync();
        await Assertions.Expect(secretary.Locator("#to-admin")).ToBeHiddenAsync();
        server.NoViolations();
    }
}
