using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;

namespace Cascade.Tests.Web;

public sealed class DemoApiTests(DemoApiTests.App app) : IClassFixture<DemoApiTests.App>
{
    public sealed class App() : CascadeApp(seedDemo: true);

    [Fact]
    public async Task The_demo_department_has_a_root_a_committee_and_nineteen_branches()
    {
        var client = app.CreateClient();
        var units = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/units");
        Assert.Equal(21, units!.Length);
        Assert.Equal("kjt", units[0].GetProperty("id").GetString());
        Assert.Equal("partyGroup", units[0].GetProperty("kind").GetString());
        var branches = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/units?parent=jgdw");
        Assert.Equal(19, branches!.Length);
    }

    [Fact]
    public async Task The_demo_shows_green_amber_and_red_units()
    {
        // No branch is grey (without work) any more: every 党支部 holds its duties, 离退休干部党支部 too.
        var client = app.CreateClient();
        var tree = await client.GetFromJsonAsync<JsonElement>("/api/v1/units/jgdw/tree?depth=1");
        var health = tree.GetProperty("children").EnumerateArray()
            .Select(c => c.GetProperty("summary").GetProperty("health").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "green", "amber", "red" }, health);
        var root = await client.GetFromJsonAsync<JsonElement>("/api/v1/units/kjt/summary");
        Assert.Equal(21, root.GetProperty("units").GetInt32());
    }

    [Fact]
    public async Task Every_branch_with_tasks_has_eight_to_fifteen_over_both_tracks()
    {
        var client = app.CreateClient();
        var branches = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/units?parent=jgdw");
        foreach (var branch in branches!)
        {
            var id = branch.GetProperty("id").GetString();
            // The branch's own tasks; the copies of 机关党委's directives and the instances of its schedules come on top.
            var tasks = (await client.GetFromJsonAsync<JsonElement[]>($"/api/v1/units/{id}/tasks"))!
                .Where(t => t.GetProperty("directiveId").ValueKind == JsonValueKind.Null && t.GetProperty("scheduleId").ValueKind == JsonValueKind.Null).ToArray();
            if (tasks.Length == 0) continue;
            Assert.InRange(tasks.Length, 8, 15);
            Assert.Contains(tasks, t => t.GetProperty("track").GetString() == "party");
            Assert.Contains(tasks, t => t.GetProperty("track").GetString() == "business");
        }
    }

    [Fact]
    public async Task A_task_update_reaches_the_root_summary()
    {
        var client = app.CreateClient();
        var before = await client.GetFromJsonAsync<JsonElement>("/api/v1/units/kjt/summary");
        var response = await client.PatchAsJsonAsync("/api/v1/units/ltx/tasks/none", new { progress = 10 });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        var created = await client.PostAsJsonAsync("/api/v1/units/ltx/tasks",
            new { id = "fwlt", title = "走访慰问离退休老党员", track = "party", start = "2026-06-01", due = "2026-12-31", weight = 2 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await Eventually.True(async () =>
        {
            var root = await client.GetFromJsonAsync<JsonElement>("/api/v1/units/kjt/summary");
            return root.GetProperty("all").GetProperty("count").GetInt32() == before.GetProperty("all").GetProperty("count").GetInt32() + 1
                && root.GetProperty("version").GetInt64() > before.GetProperty("version").GetInt64();
        }, "the root counts the new task");
    }

    [Fact]
    public async Task The_committee_has_handed_down_three_directives_at_different_stages()
    {
        var client = app.CreateClient();
        var issued = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/directives?issuer=jgdw");
        var byId = issued!.ToDictionary(d => d.GetProperty("id").GetString()!, d => d.GetProperty("rollup"));
        Assert.Equal(["jb-dczc", "jb-szpy", "jb-ztjy"], byId.Keys.Order());
        // 主题教育专题学习: past due, most branches done, the two late ones overdue.
        Assert.Equal(18, byId["jb-ztjy"].GetProperty("targets").GetInt32());
        Assert.Equal(16, byId["jb-ztjy"].GetProperty("doneUnits").GetInt32());
        Assert.Equal(2, byId["jb-ztjy"].GetProperty("overdueUnits").GetInt32());
        // 督查自查: under way, some done, some not started, one or more blocked.
        var inspection = byId["jb-dczc"];
        Assert.InRange(inspection.GetProperty("doneUnits").GetInt32(), 1, 17);
        Assert.InRange(inspection.GetProperty("notStartedUnits").GetInt32(), 1, 17);
        Assert.True(inspection.GetProperty("all").GetProperty("blocked").GetInt32() >= 1);
        // 述职评议材料准备: just issued, nobody started.
        Assert.Equal(18, byId["jb-szpy"].GetProperty("notStartedUnits").GetInt32());

        // A branch's copy says where it came from; 离退休干部党支部 got none (only its duties, the schedules' instances).
        var copy = await client.GetFromJsonAsync<JsonElement>("/api/v1/units/bgs/tasks/jb-ztjy");
        Assert.Equal("jb-ztjy", copy.GetProperty("directiveId").GetString());
        Assert.Equal("jgdw", copy.GetProperty("issuerUnitId").GetString());
        Assert.All((await client.GetFromJsonAsync<JsonElement[]>("/api/v1/units/ltx/tasks"))!,
            t => Assert.Equal(JsonValueKind.String, t.GetProperty("scheduleId").ValueKind));
    }

    [Fact]
    public async Task Every_branch_holds_this_periods_duties_and_the_committee_counts_them_all()
    {
        var client = app.CreateClient();
        var schedules = (await client.GetFromJsonAsync<JsonElement[]>("/api/v1/schedules?issuer=jgdw"))!;
        Assert.Equal(["rc-dk", "rc-dxzh", "rc-dydh", "rc-zbwyh", "rc-ztdr"], schedules.Select(s => s.GetProperty("id").GetString()).Order());
        var periods = schedules.ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("period").GetString()!);
        var branches = (await client.GetFromJsonAsync<JsonElement[]>("/api/v1/units?parent=jgdw"))!
            .Where(b => b.GetProperty("kind").GetString() == "branch").Select(b => b.GetProperty("id").GetString()!).ToList();
        Assert.Equal(18, branches.Count); // the 党总支 is not a 党支部
        var (due, done) = (0, 0);
        foreach (var branch in branches)
        {
            var tasks = (await client.GetFromJsonAsync<JsonElement[]>($"/api/v1/units/{branch}/tasks"))!;
            var current = tasks.Where(t => t.GetProperty("scheduleId").GetString() is { } s && periods[s] == t.GetProperty("period").GetString()).ToList();
            Assert.InRange(current.Count, 1, 5);
            Assert.Equal(current.Count, current.Select(t => t.GetProperty("scheduleId").GetString()).Distinct().Count());
            Assert.All(current, t => Assert.Equal("atDue", t.GetProperty("expectation").GetString()));
            var duties = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/units/{branch}/summary")).GetProperty("duties");
            Assert.Equal(current.Count, duties.GetProperty("due").GetInt32());
            Assert.Equal(current.Count(t => t.GetProperty("status").GetString() == "done"), duties.GetProperty("done").GetInt32());
            due += current.Count;
            done += duties.GetProperty("done").GetInt32();
        }
        var committee = (await client.GetFromJsonAsync<JsonElement>("/api/v1/units/jgdw/summary")).GetProperty("duties");
        Assert.Equal(branches.Count * schedules.Length, committee.GetProperty("due").GetInt32());
        Assert.Equal(due, committee.GetProperty("due").GetInt32());
        Assert.Equal(done, committee.GetProperty("done").GetInt32());
        Assert.InRange(done, 1, due - 1); // partly held

        // The last period: most held, the late branches' missing ones overdue.
        foreach (var schedule in periods.Keys)
        {
            var last = schedules.First(s => s.GetProperty("id").GetString() == schedule).GetProperty("from").GetString();
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/schedules/{schedule}/instances?period={last}&limit=100");
            var rows = page.GetProperty("instances").EnumerateArray().ToList();
            Assert.Equal(branches.Count, rows.Count);
            Assert.InRange(rows.Count(r => r.GetProperty("status").GetString() == "done"), branches.Count / 2 + 1, branches.Count - 1);
            Assert.All(rows.Where(r => r.GetProperty("status").GetString() != "done"), r => Assert.True(r.GetProperty("overdue").GetBoolean()));
        }
    }
}
