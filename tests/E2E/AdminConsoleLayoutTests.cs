using System.Net;
using System.Net.Http.Json;
using Cascade.Tests.Web;
using Microsoft.Playwright;

namespace Cascade.Tests.E2E;

/// <summary>
/// The admin console at 1366x768 and on a phone (375x667), in Chinese and English: nothing wider
/// than the screen, no label or button cut off or over another, a focus order that goes down the
/// forms. Screenshots go to <c>$CASCADE_SCREENSHOTS</c> when it is set.
/// </summary>
[Collection(Serial.Name)]
public sealed class AdminConsoleLayoutTests(Chromium chromium, AdminConsoleServer server) : IClassFixture<Chromium>, IClassFixture<AdminConsoleServer>
{
    /// <summary>Elements whose text is wider or taller than their box, and pairs of form controls and labels that overlap.</summary>
    internal const string Problems = """
        () => {
          const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
          const boxes = [...document.querySelectorAll('main label > span, main ol, main button, main a, main h1, main h2, main h3, main input, main select, .topbar button, .topbar a, .topbar .person')].filter(shown);
          const problems = [];
          for (const e of boxes) {
            if (e.matches('.person')) continue; // the name may be cut with an ellipsis on a phone, by design
            if (e.scrollWidth > e.clientWidth + 1 && !e.matches('input, select')) problems.push('cut: ' + (e.id || e.textContent.trim().slice(0, 30)));
          }
          const controls = [...document.querySelectorAll('main label, main button, .topbar button, .topbar a')].filter(shown);
          for (let i = 0; i < controls.length; i++) for (let j = i + 1; j < controls.length; j++) {
            const a = controls[i].getBoundingClientRect(), b = controls[j].getBoundingClientRect();
            if (controls[i].contains(controls[j]) || controls[j].contains(controls[i])) continue;
            const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
            if (overlap) problems.push('overlap: ' + (controls[i].id || controls[i].textContent.trim().slice(0, 20)) + ' / ' + (controls[j].id || controls[j].textContent.trim().slice(0, 20)));
          }
          if (document.documentElement.scrollWidth > innerWidth) problems.push('page wider than the screen: ' + document.documentElement.scrollWidth);
          return problems;
        }
        """;

    private async Task Department()
    {
        var admin = server.Web.Client;
        if ((await admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/units")).GetArrayLength() > 0) return;
        await (await admin.PostAsJsonAsync("/api/v1/units", new { id = "lay-root", parentId = (string?)null, name = "测试厅党组", kind = "partyGroup" })).Expect(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/api/v1/units", new { id = "lay-jgdw", parentId = "lay-root", name = "机关党委", kind = "organCommittee" })).Expect(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/api/v1/units", new { id = "lay-zb1", parentId = "lay-jgdw", name = "成果转化与区域创新处党支部", kind = "branch" })).Expect(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/api/v1/users", new { username = "lay-sj", password = "a-long-password", displayName = "成果转化与区域创新处党支部书记", role = "editor", unitId = "lay-zb1" })).Expect(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/api/v1/kiosks", new { name = "一楼大厅大屏", unitId = "lay-root", depth = 2 })).Expect(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData(1366, 768, "zh")]
    [InlineData(1366, 768, "en")]
    [InlineData(375, 667, "zh")]
    [InlineData(375, 667, "en")]
    public async Task The_console_fits_the_screen_in_both_languages(int width, int height, string lang)
    {
        await Department();
        var page = await server.Console(chromium, new ViewportSize { Width = width, Height = height }, lang == "en" ? "/admin?lang=en" : "/admin");
        await Assertions.Expect(page.Locator("#admin-title")).ToHaveTextAsync(lang == "en" ? "Admin" : "管理");
        await Assertions.Expect(page.Locator("#lang-switch")).ToHaveTextAsync(lang == "en" ? "中文" : "English");
        var problems = await page.EvaluateAsync<string[]>(Problems);
        Assert.True(problems.Length == 0, string.Join("\n", problems));
        await AdminConsoleServer.Shoot(page, $"admin-{lang}-{width}.png");
        await AdminConsoleServer.Shoot(page, $"admin-{lang}-{width}-full.png", fullPage: true);

        // The focus order goes down the new-unit form, field after field, to its button.
        await page.FocusAsync("#uc-id");
        var order = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            order.Add(await page.EvaluateAsync<string>("() => document.activeElement.id"));
        }
        Assert.Equal(["uc-name", "uc-kind", "uc-parent", "uc-sort", "uc-submit"], order);

        // A refusal in the page's language: English shows the API's own words.
        await page.FillAsync("#uc-id", "Bad Id!");
        await page.FillAsync("#uc-name", "x");
        await page.PressAsync("#uc-name", "Enter");
        await Assertions.Expect(page.Locator("#uc-message")).ToHaveTextAsync(lang == "en"
            ? "Id: id must match ^[a-z0-9][a-z0-9-]{0,63}$."
            : "编号：编号只能由小写字母、数字和“-”组成，以字母或数字开头，最长 64 位");
        // The field the API named is marked and focused, and reads the refusal as its description.
        await Assertions.Expect(page.Locator("#uc-id")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#uc-id")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#uc-id")).ToHaveAttributeAsync("aria-describedby", "uc-message");
        await Assertions.Expect(page.Locator("#uc-name")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Empty(await page.EvaluateAsync<string[]>(Problems));
        await AdminConsoleServer.Shoot(page, $"admin-{lang}-{width}-refusal.png");

        // The workbench's header with the 管理 link an admin sees: still one tidy bar.
        await page.GotoAsync(server.Url(lang == "en" ? "/app?unit=lay-zb1&lang=en" : "/app?unit=lay-zb1"));
        await Assertions.Expect(page.Locator("#cover")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#to-admin")).ToHaveTextAsync(lang == "en" ? "Admin" : "管理");
        var header = await page.EvaluateAsync<string[]>(Problems.Replace("main ", ".topbar "));
        Assert.True(header.Length == 0, string.Join("\n", header));
        await AdminConsoleServer.Shoot(page, $"workbench-admin-{lang}-{width}.png");
        server.NoViolations();
    }
}
