using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cascade.Tests.Support;
using Cascade.Tests.Web;
using Microsoft.Playwright;

namespace Cascade.Tests.E2E;

/// <summary>
/// The product with alerts that climb after one minute (the shortest the settings allow) and
/// a clock that ticks every second, so a browser test can watch an escalation happen.
/// </summary>
public sealed class FastEscalationServer : WorkbenchServer
{
    protected override string[] Settings => ["--Cascade:Alerts:EscalateAfter=00:01:00", "--Cascade:ClockInterval=00:00:01"];
}

/// <summary>
/// Alerts end to end in Debian's Chromium: a branch reports a blocked task in the workbench, the
/// wall shows the alert, nobody answers, it climbs to the organ committee, the branch answers it
/// with a note, and the report that unblocks the task resolves it, on both screens.
/// </summary>
[Collection(Serial.Name)]
public sealed class AlertPageTests(Chromium chromium, FastEscalationServer server) : IClassFixture<Chromium>, IClassFixture<FastEscalationServer>
{
    private readonly WorkbenchBrowser _browser = new(chromium, server);

    private Task<IPage> NewPage(int width = 1920, int height = 1080) => _browser.NewPage(new() { Width = width, Height = height });

    private Task SignIn(IPage page, string username, string path) => _browser.SignIn(page, username, path);

    private static string Today(int days = 0) => DateTime.UtcNow.AddDays(days).ToString("yyyy-MM-dd");

    private async Task<JsonElement[]> Alerts(string query) =>
        (await server.Admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/alerts?{query}"))!;

    [Fact]
    public async Task A_blocked_task_alerts_the_wall_climbs_when_nobody_answers_and_an_answer_then_the_report_clear_it()
    {
        // A branch with one task that starts today: nothing is behind, so the only alert is the one the test raises.
        var branch = await server.Branch("第三党支部");
        await server.Task(branch, "t1", "主题党日活动", "party", start: Today(-1), due: Today(365));
        var editor = await server.Editor(branch);
        var kiosk = await server.Kiosk(WorkbenchServer.Root, depth: 2);
        Assert.Empty(await Alerts($"unit={branch}"));
        // Other tests of this class leave no open alert behind, but count what is there anyway.
        var before = await Alerts($"unit={WorkbenchServer.Root}&subtree=true");
        var amberBefore = before.Count(a => a.GetProperty("severity").GetString() == "amber");
        var redBefore = before.Count(a => a.GetProperty("severity").GetString() == "red");

        var wall = await NewPage();
        await wall.GotoAsync(server.Url($"/wall?unit={WorkbenchServer.Root}&depth=2&kiosk={kiosk}"));
        var tile = wall.Locator($".tile[data-unit='{branch}']");
        await Assertions.Expect(tile).ToBeVisibleAsync();
        await Assertions.Expect(tile).Not.ToHaveAttributeAsync("data-alerts", new Regex("."));

        // The branch reports the task blocked in its workbench.
        var bench = await NewPage(1280, 900);
        await SignIn(bench, editor, $"/app?unit={branch}");
        await Assertions.Expect(bench.Locator("#alerts .empty-note")).ToBeVisibleAsync();
        await bench.Locator(".task[data-task='t1'] button.status[data-status='blocked']").ClickAsync();

        // The alert is on the workbench and on the wall: the tile's glyph, the header's count, the ticker.
        var alert = bench.Locator("#alerts .alert");
        await Assertions.Expect(alert).ToHaveCountAsync(1, new() { Timeout = 5000 });
        await Assertions.Expect(alert).ToContainTextAsync("任务「主题党日活动」受阻");
        await Assertions.Expect(alert).ToHaveAttributeAsync("data-state", "firing");
        await Assertions.Expect(tile).ToHaveAttributeAsync("data-alerts", "1", new() { Timeout = 5000 });
        await Assertions.Expect(tile).ToHaveAttributeAsync("data-alert-severity", "amber");
        await Assertions.Expect(tile.Locator(".alert-badge.in-foot")).ToHaveTextAsync("⚑1");
        await Assertions.Expect(wall.Locator("#org-alerts")).ToBeVisibleAsync();
        await Assertions.Expect(wall.Locator("#org-alerts .amber")).ToHaveTextAsync($"! {amberBefore + 1}");
        await Assertions.Expect(wall.Locator("#org-alerts .red")).ToHaveTextAsync($"✕ {redBefore}");
        var ticker = wall.Locator("#recent .alert-row");
        await Assertions.Expect(ticker).ToBeVisibleAsync();
        await Assertions.Expect(ticker).ToContainTextAsync("第三党支部");
        await Assertions.Expect(ticker).ToContainTextAsync("任务「主题党日活动」受阻");
        var fired = Assert.Single(await Alerts($"unit={branch}"));
        Assert.Equal("taskBlocked", fired.GetProperty("rule").GetString());
        var alertId = fired.GetProperty("id").GetString()!;

        // An acknowledgement needs a note: the page says so and sends nothing.
        await alert.Locator("button.acknowledge").ClickAsync();
        await Assertions.Expect(alert.Locator(".message.error")).ToHaveTextAsync("请填写处理意见再确认");
        Assert.Equal("firing", Assert.Single(await Alerts($"unit={branch}")).GetProperty("state").GetString());

        // Nobody answers for a minute: the alert climbs to the organ committee, and both screens say so.
        await Assertions.Expect(tile).ToHaveAttributeAsync("data-escalated", "true", new() { Timeout = 90_000 });
        await Assertions.Expect(ticker).ToContainTextAsync("已升级至机关党委");
        await Assertions.Expect(wall.Locator("#org-alerts .escalated")).ToHaveTextAsync("↑ 升级 1");
        await Assertions.Expect(alert).ToHaveAttributeAsync("data-escalation-level", "1", new() { Timeout = 5000 });
        await Assertions.Expect(alert.Locator(".alert-climb")).ToContainTextAsync("已升级至机关党委");
        var climbed = Assert.Single(await Alerts($"unit={WorkbenchServer.Committee}"));
        Assert.Equal(alertId, climbed.GetProperty("id").GetString());
        Assert.Equal(WorkbenchServer.Committee, climbed.GetProperty("escalatedToUnitId").GetString());

        // The committee's editor sees it on their own workbench, with the form to answer it.
        var committeeEditor = await server.Editor(WorkbenchServer.Committee, "机关党委委员");
        var upstairs = await NewPage(1280, 900);
        await SignIn(upstairs, committeeEditor, $"/app?unit={WorkbenchServer.Committee}");
        var there = upstairs.Locator($"#alerts .alert[data-alert='{alertId}']");
        await Assertions.Expect(there).ToContainTextAsync("第三党支部");
        await Assertions.Expect(there.Locator("button.acknowledge")).ToBeVisibleAsync();

        // The branch answers it: the climb stops and the wall shows it answered.
        await alert.Locator("textarea").FillAsync("已联系协办单位，下周恢复");
        await alert.Locator("button.acknowledge").ClickAsync();
        await Assertions.Expect(alert).ToHaveAttributeAsync("data-state", "acknowledged");
        await Assertions.Expect(alert.Locator(".alert-answer")).ToContainTextAsync("已联系协办单位，下周恢复");
        await Assertions.Expect(alert.Locator("button.acknowledge")).ToBeHiddenAsync();
        await Assertions.Expect(ticker).ToContainTextAsync("已确认", new() { Timeout = 5000 });
        var answered = Assert.Single(await Alerts($"unit={branch}"));
        Assert.Equal("acknowledged", answered.GetProperty("state").GetString());
        Assert.Equal(editor, answered.GetProperty("acknowledgedBy").GetString());
        Assert.Equal("已联系协办单位，下周恢复", answered.GetProperty("note").GetString());
        // The unit hands the entry to the trail from its outbox after answering.
        await Eventually.True(async () => (await server.Admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/audit?unit={branch}"))!
            .Any(e => e.GetProperty("action").GetString() == "alert.acknowledge"), "the acknowledgement is in the branch's trail", TimeSpan.FromSeconds(10));

        // The report that unblocks the task resolves the alert everywhere.
        await bench.Locator(".task[data-task='t1'] button.status[data-status='inProgress']").ClickAsync();
        await Assertions.Expect(bench.Locator("#alerts .alert")).ToHaveCountAsync(0, new() { Timeout = 5000 });
        await Assertions.Expect(bench.Locator("#alerts .empty-note")).ToBeVisibleAsync();
        await Assertions.Expect(tile).Not.ToHaveAttributeAsync("data-alerts", new Regex("."), new() { Timeout = 5000 });
        if (before.Length == 0)
        {
            await Assertions.Expect(wall.Locator("#org-alerts")).ToBeHiddenAsync();
            await Assertions.Expect(ticker).ToBeHiddenAsync();
        }
        else await Assertions.Expect(wall.Locator("#org-alerts .amber")).ToHaveTextAsync($"! {amberBefore}");
        Assert.Empty(await Alerts($"unit={branch}"));
        Assert.Equal("resolved", Assert.Single(await Alerts($"unit={branch}&state=resolved")).GetProperty("state").GetString());
        _browser.NoViolations();
    }

    [Fact]
    public async Task A_viewer_sees_the_alerts_but_no_form_and_a_forged_acknowledgement_is_refused()
    {
        var branch = await server.Branch("第四党支部");
        await server.Task(branch, "t1", "支部书记讲党课", "party", start: Today(-1), due: Today(365));
        var patch = await server.Admin.PatchAsJsonAsync(Api.Task(branch, "t1"), new { status = "blocked" });
        patch.EnsureSuccessStatusCode();
        var username = Api.Id("wb-viewer");
        (await server.Admin.PostAsJsonAsync("/api/v1/users",
            new { username, password = WorkbenchServer.Password, displayName = "查看者", role = "viewer" })).EnsureSuccessStatusCode();

        var page = await NewPage(375, 667);
        await SignIn(page, username, $"/app?unit={branch}");
        var alert = page.Locator("#alerts .alert");
        await Assertions.Expect(alert).ToHaveCountAsync(1);
        await Assertions.Expect(alert.Locator("button.acknowledge")).ToBeHiddenAsync();
        var id = await alert.GetAttributeAsync("data-alert");
        var status = await page.EvaluateAsync<int>(
            "async (id) => (await fetch(`/api/v1/alerts/${id}/acknowledge`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ note: 'x' }) })).status", id);
        Assert.Equal((int)HttpStatusCode.Forbidden, status);
        Assert.Equal("firing", Assert.Single(await Alerts($"unit={branch}")).GetProperty("state").GetString());
        Assert.Equal(0, await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth"));
        _browser.NoViolations();

        // Leave no open alert behind to climb during the other test.
        (await server.Admin.PatchAsJsonAsync(Api.Task(branch, "t1"), new { status = "inProgress" })).EnsureSuccessStatusCode();
        Assert.Empty(await Alerts($"unit={branch}"));
    }
}
