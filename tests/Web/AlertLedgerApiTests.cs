using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;

namespace Cascade.Tests.Web;

/// <summary>
/// docs/api.md "Alerts" for the ledger: <c>subtree=true</c> answers every unit's own alerts below
/// the unit, exactly as <c>?unit=</c> answers them, within what the caller may read; the xlsx
/// export holds exactly the list's rows, with the ledger's filters and sort.
/// </summary>
public sealed class AlertLedgerApiTests(AlertLedgerApiTests.App app) : IClassFixture<AlertLedgerApiTests.App>
{
    public sealed class App : ApiApp;

    private static async Task<JsonElement[]> Alerts(HttpClient client, string query) =>
        (await (await client.GetAsync($"/api/v1/alerts?{query}")).Expect(HttpStatusCode.OK)).EnumerateArray().ToArray();

    private static string[] Ids(IEnumerable<JsonElement> alerts) => [.. alerts.Select(a => a.GetProperty("id").GetString()!)];

    /// <summary>committee -> (x -> x1), y; each with an overdue task (red) and x1 with a blocked one (amber) too.</summary>
    private async Task<(HttpClient Admin, string Committee, string X, string X1, string Y)> Tree()
    {
        var admin = await app.Client();
        var (committee, x, x1, y) = (Api.Id("lc"), Api.Id("lx"), Api.Id("lx1"), Api.Id("ly"));
        await admin.CreateUnit(committee, kind: "organCommittee", name: "机关党委");
        await admin.CreateUnit(x, committee, name: "第一党支部");
        await admin.CreateUnit(x1, x, name: "第一党小组");
        await admin.CreateUnit(y, committee, name: "第二党支部");
        foreach (var unit in new[] { committee, x, x1, y })
            await admin.CreateTask(unit, "late", start: "2026-01-01", due: "2026-02-01");
        await admin.CreateTask(x1, "stuck", start: "2026-01-01", due: "2027-12-31");
        (await admin.Patch(Api.Task(x1, "stuck"), """{"status":"blocked"}""")).EnsureSuccessStatusCode();
        return (admin, committee, x, x1, y);
    }

    [Fact]
    public async Task The_subtree_answers_each_units_own_alerts_exactly_as_the_unit_does()
    {
        var (admin, committee, x, x1, y) = await Tree();
        var subtree = await Alerts(admin, $"unit={committee}&subtree=true");
        var own = new List<JsonElement>();
        foreach (var unit in new[] { committee, x, x1, y })
            own.AddRange((await Alerts(admin, $"unit={unit}")).Where(a => a.GetProperty("unitId").GetString() == unit));
        Assert.True(own.Count >= 5, $"{own.Count} alerts"); // a red and an amber task rule in x1, and whatever unit rules the late tasks raise
        // The very same objects, newest first as the list always is.
        Assert.Equal(own.Select(a => a.GetRawText()).Order(), subtree.Select(a => a.GetRawText()).Order());
        Assert.Equal(subtree.OrderByDescending(a => a.GetProperty("firedAt").GetDateTimeOffset()).Select(a => a.GetProperty("id").GetString()),
            Ids(subtree));
        // A branch's subtree holds its own and its group's, not its sibling's or its parent's.
        Assert.Equal(Ids(own.Where(a => a.GetProperty("unitId").GetString() is { } u && (u == x || u == x1))).Order(),
            Ids(await Alerts(admin, $"unit={x}&subtree=true")).Order());
        // Acknowledged ones stay (the default is firing and acknowledged); state narrows it.
        var red = subtree.First(a => a.GetProperty("unitId").GetString() == y).GetProperty("id").GetString();
        await (await admin.PostAsJsonAsync($"/api/v1/alerts/{red}/acknowledge", new { note = "已督办" })).Expect(HttpStatusCode.OK);
        Assert.Equal(own.Count, (await Alerts(admin, $"unit={committee}&subtree=true")).Length);
        Assert.Equal([red!], Ids(await Alerts(admin, $"unit={committee}&subtree=true&state=acknowledged")));
    }

    [Fact]
    public async Task Who_reads_which_subtree_is_what_the_alert_list_decides()
    {
        var (admin, committee, x, x1, y) = await Tree();
        // Every signed-in person reads every subtree, an editor of another unit too.
        var username = Api.Id("ly-editor");
        await (await admin.PostAsJsonAsync("/api/v1/users", new { username, password = "a-long-password", displayName = "书记", role = "editor", unitId = y })).Expect(HttpStatusCode.Created);
        var editor = app.CreateClient(await app.SignIn(username, "a-long-password"));
        Assert.Equal(Ids(await Alerts(admin, $"unit={x}&subtree=true")).Order(), Ids(await Alerts(editor, $"unit={x}&subtree=true")).Order());
        // A kiosk of x at depth 0 reads x's subtree only as deep as it shows: x's own alert, not x1's.
        var kiosk = (await (await admin.PostAsJsonAsync("/api/v1/kiosks", new { name = "大屏", unitId = x, depth = 0 })).Expect(HttpStatusCode.Created))
            .GetProperty("token").GetString()!;
        var wall = app.CreateAnonymousClient();
        var seen = await Alerts(wall, $"unit={x}&subtree=true&kiosk={Uri.EscapeDataString(kiosk)}");
        Assert.Equal([x], seen.Select(a => a.GetProperty("unitId").GetString()!).Distinct());
        // Above or beside its unit is refused; so is anyone without a credential.
        await (await wall.GetAsync($"/api/v1/alerts?unit={committee}&subtree=true&kiosk={Uri.EscapeDataString(kiosk)}")).Problem(HttpStatusCode.Forbidden);
        await (await wall.GetAsync($"/api/v1/alerts?unit={y}&subtree=true&kiosk={Uri.EscapeDataString(kiosk)}")).Problem(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateAnonymousClient().GetAsync($"/api/v1/alerts?unit={x1}&subtree=true")).StatusCode);
        await (await admin.GetAsync("/api/v1/alerts?unit=no-such-unit&subtree=true")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_export_holds_exactly_the_lists_rows_with_the_ledgers_filters_and_sort()
    {
        var (admin, committee, _, x1, _) = await Tree();
        var list = await Alerts(admin, $"unit={committee}&subtree=true");
        var rows = await Workbooks.Sheet(await admin.GetAsync($"/api/v1/alerts/export?unit={committee}&subtree=true"));
        Assert.Equal(Ids(list), rows.Select(r => (string)r["预警编号"]));
        var blocked = list.Single(a => a.GetProperty("rule").GetString() == "taskBlocked");
        var row = rows.Single(r => (string)r["预警编号"] == blocked.GetProperty("id").GetString());
        Assert.Equal(("第一党小组", x1, "任务受阻", "黄色预警", "未确认", blocked.GetProperty("message").GetString()),
            ((string)row["单位"], (string)row["单位编号"], (string)row["规则"], (string)row["级别"], (string)row["状态"], (string)row["内容"]));

        // The ledger's filters and sort: red first, then the newest condition.
        var sorted = list.OrderByDescending(a => a.GetProperty("severity").GetString() == "red")
            .ThenByDescending(a => a.GetProperty("since").GetDateTimeOffset()).ToArray();
        rows = await Workbooks.Sheet(await admin.GetAsync($"/api/v1/alerts/export?unit={committee}&subtree=true&sort=severity&lang=en"));
        Assert.Equal(Ids(sorted), rows.Select(r => (string)r["Alert"]));
        Assert.Equal("Red", rows[0]["Severity"]);
        rows = await Workbooks.Sheet(await admin.GetAsync($"/api/v1/alerts/export?unit={committee}&subtree=true&severity=amber&rule=taskBlocked"));
        Assert.Equal([blocked.GetProperty("id").GetString()!], rows.Select(r => (string)r["预警编号"]));
        rows = await Workbooks.Sheet(await admin.GetAsync($"/api/v1/alerts/export?unit={committee}&subtree=true&escalatedTo={committee}"));
        Assert.Empty(rows); // nothing has climbed yet

        await (await admin.GetAsync($"/api/v1/alerts/export?unit={committee}&sort=oldest")).Invalid("sort");
        await (await admin.GetAsync($"/api/v1/alerts/export?unit={committee}&severity=green&rule=nope")).Invalid("severity", "rule");
        await (await admin.GetAsync($"/api/v1/alerts/export?unit={committee}&subtree=maybe")).Invalid("subtree");
        await (await admin.GetAsync("/api/v1/alerts/export?unit=no-such-unit")).Problem(HttpStatusCode.NotFound);
        var kiosk = (await (await admin.PostAsJsonAsync("/api/v1/kiosks", new { name = "大屏", unitId = committee, depth = 2 })).Expect(HttpStatusCode.Created))
            .GetProperty("token").GetString()!;
        await (await app.CreateAnonymousClient().GetAsync($"/api/v1/alerts/export?unit={committee}&kiosk={Uri.EscapeDataString(kiosk)}")).Problem(HttpStatusCode.Forbidden);
    }
}
