using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;
using Cascade.Tests.Web;
using Microsoft.Playwright;

namespace Cascade.Tests.E2E;

/// <summary>
/// Findings (督查整改) on the workbench in Debian's Chromium: the inspected branch sees the finding
/// it must put right (待整改) beside its f- task; once it reports the task done, the inspector
/// branch's editor signs it off (确认销号) from its own workbench, and the API agrees.
/// </summary>
[Collection(Serial.Name)]
public sealed class FindingPageTests(Chromium chromium, WorkbenchServer server) : IClassFixture<Chromium>, IClassFixture<WorkbenchServer>
{
    private static readonly ViewportSize Laptop = new() { Width = 1366, Height = 768 };
    private readonly WorkbenchBrowser _browser = new(chromium, server);

    [Fact]
    public async Task The_inspected_branch_sees_its_finding_and_the_inspector_signs_it_off()
    {
        var inspector = await server.Branch("办公室党支部");
        var branch = await server.Branch("科研处党支部");
        var inspection = Api.Id("dc");
        await (await server.Admin.PostAsJsonAsync("/api/v1/inspections",
            new { id = inspection, title = "互观互检", period = $"{DateTime.UtcNow.Year}-h2", unitId = WorkbenchServer.Committee, inspectorUnitIds = new[] { inspector } }))
            .Expect(HttpStatusCode.Accepted);
        await Cascade.Tests.Findings.Inspected.Captured(server.Admin, inspection);
        var id = Api.Id("zg");
        var due = $"{DateTime.UtcNow.Year + 1}-03-31";
        await (await server.Admin.PostAsJsonAsync($"/api/v1/inspections/{inspection}/findings", new { id, unitId = branch, text = "三会一课记录不规范", due }))
            .Expect(HttpStatusCode.Created);

        // The inspected branch: its finding to put right, and the task in its list.
        var page = await _browser.NewPage(Laptop);
        await _browser.SignIn(page, await server.Editor(branch), $"/app?unit={branch}");
        var section = page.Locator("#findings");
        await Assertions.Expect(section).ToBeVisibleAsync();
        await Assertions.Expect(section.Locator(".finding-badge")).ToHaveTextAsync("待整改 1");
        var card = section.Locator($".to-fix .finding[data-id='{id}']");
        await Assertions.Expect(card.Locator(".finding-title")).ToHaveTextAsync("三会一课记录不规范");
        await Assertions.Expect(card.Locator(".finding-state")).ToHaveTextAsync("整改中");
        await Assertions.Expect(card.Locator(".finding-meta")).ToContainTextAsync("办公室党支部");
        await Assertions.Expect(card.Locator("button")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator($".task[data-task='f-{id}']")).ToBeVisibleAsync();
        (await server.Admin.PatchAsJsonAsync(Api.Task(branch, "f-" + id), new { status = "done", progress = 100 })).EnsureSuccessStatusCode();
        await Assertions.Expect(card.Locator(".finding-state")).ToHaveTextAsync("待销号", new() { Timeout = 10_000 });

        // The inspector branch: the finding it raised awaits its sign-off.
        var inspecting = await _browser.NewPage(Laptop);
        await _browser.SignIn(inspecting, await server.Editor(inspector, "办公室党支部书记"), $"/app?unit={inspector}");
        var raised = inspecting.Locator($"#findings .raised .finding[data-id='{id}']");
        await Assertions.Expect(raised.Locator(".finding-state")).ToHaveTextAsync("待销号");
        await Assertions.Expect(raised.Locator(".finding-meta")).ToContainTextAsync("科研处党支部");
        await raised.Locator(".finding-note-input").FillAsync("整改到位");
        await raised.Locator(".confirm-finding").ClickAsync();
        await Assertions.Expect(inspecting.Locator("#findings .message")).ToHaveTextAsync("已销号");
        await Assertions.Expect(raised.Locator(".finding-state")).ToHaveTextAsync("已销号");
        await Assertions.Expect(raised.Locator(".finding-note")).ToHaveTextAsync("整改到位");
        var finding = await server.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/findings/{id}");
        Assert.Equal("closed", finding.GetProperty("state").GetString());
        Assert.True((await server.GetTask(branch, "f-" + id)).GetProperty("locked").GetBoolean());
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "cascade-findings"));
        await inspecting.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cascade-findings", "inspector-1366x768-zh.png"), FullPage = true });
        _browser.NoViolations();
    }

    [Fact]
    public async Task A_wall_tile_shows_the_findings_its_subtree_has_not_closed()
    {
        var inspector = await server.Branch("办公室党支部");
        var branch = await server.Branch("财务处党支部");
        var inspection = Api.Id("dc");
        await (await server.Admin.PostAsJsonAsync("/api/v1/inspections",
            new { id = inspection, title = "季度督查", period = $"{DateTime.UtcNow.Year}-q4", unitId = WorkbenchServer.Committee, inspectorUnitIds = new[] { inspector } }))
            .Expect(HttpStatusCode.Accepted);
        await Cascade.Tests.Findings.Inspected.Captured(server.Admin, inspection);
        foreach (var text in new[] { "党费收缴台账不全", "发展党员材料缺页" })
            await (await server.Admin.PostAsJsonAsync($"/api/v1/inspections/{inspection}/findings", new { unitId = branch, text, due = $"{DateTime.UtcNow.Year + 1}-03-31" }))
                .Expect(HttpStatusCode.Created);
        var page = await _browser.NewPage(new ViewportSize { Width = 1920, Height = 1080 });
        await page.GotoAsync(server.Url($"/wall?unit={WorkbenchServer.Committee}&depth=1&kiosk={await server.Kiosk(WorkbenchServer.Committee)}"));
        var badge = page.Locator($".tile[data-unit='{branch}'] .finding-badge");
        await Assertions.Expect(badge).ToHaveTextAsync("改2", new() { Timeout = 15_000 });
        await Assertions.Expect(badge).ToHaveAttributeAsync("title", "2 条督查发现待整改或待销号");
        await Assertions.Expect(page.Locator($".tile[data-unit='{inspector}'] .finding-badge")).ToBeHiddenAsync();
        Assert.Empty(await WallFitPageTests.Problems(page));
        _browser.NoViolations();
    }
}
