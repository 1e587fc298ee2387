using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Directives;
using Cascade.Tests.Support;
using Cascade.Tests.Web;

namespace Cascade.Tests.Schedules;

/// <summary>
/// Schedules over HTTP (docs/api.md "Schedules"): a committee's monthly duty reaches its
/// branches as one atDue instance a period, counted in the summaries' duties; edits reach the
/// current instances not done; withdrawing and
/// deleting leave done and earlier work in place. The test clock stays on 2026-06-15 here
/// (<see cref="SchedulePeriodTests"/> moves it).
/// </summary>
public sealed class SchedulesApiTests(SchedulesApiTests.App app) : IClassFixture<SchedulesApiTests.App>
{
    public sealed class App() : ApiApp(new() { ["Cascade:Directives:ScheduleCheck"] = "00:00:00.100" });

    internal const string Schedules = "/api/v1/schedules";

    internal static object Body(string id, string issuer, object targets, string every = "month", object? dueDay = null) => new
    {
        id, issuerUnitId = issuer, title = "支部委员会", track = "party", weight = 1, note = "每月召开", tags = new[] { "三会一课" },
        every, dueDay = dueDay ?? "last", targets,
    };

    private static async Task<JsonElement> Task(HttpClient client, string unit, string id) =>
        await (await client.GetAsync(Api.Task(unit, id))).Expect(HttpStatusCode.OK);

    private static async Task<JsonElement> Duties(HttpClient client, string unit) =>
        (await (await client.GetAsync($"/api/v1/units/{unit}/summary")).Expect(HttpStatusCode.OK)).GetProperty("duties");

    [Fact]
    public async Task A_monthly_duty_reaches_every_branch_and_is_counted_in_duties_and_edits_reach_undone_instances()
    {
        var client = await app.Client();
        var (committee, branches, office) = await DirectivesApiTests.Department(client, "sch");
        var id = Api.Id("zbwyh");
        var created = await (await client.PostAsJsonAsync(Schedules, Body(id, committee, new { under = committee, kinds = new[] { "branch" } })))
            .Expect(HttpStatusCode.Created);
        Assert.Equal("2026-06", created.GetProperty("period").GetString());
        Assert.Equal("month", created.GetProperty("every").GetString());
        Assert.Equal("last", created.GetProperty("dueDay").GetString());
        Assert.Equal(3, created.GetProperty("targetCount").GetInt32());

        var instance = $"{id}-2026-06";
        foreach (var b in branches)
        {
            var t = await Task(client, b, instance);
            Assert.Equal(id, t.GetProperty("scheduleId").GetString());
            Assert.Equal("2026-06", t.GetProperty("period").GetString());
            Assert.Equal("atDue", t.GetProperty("expectation").GetString());
            Assert.Equal("2026-06-01", t.GetProperty("start").GetString());
            Assert.Equal("2026-06-30", t.GetProperty("due").GetString());
            Assert.Equal(["三会一课"], t.GetProperty("tags").EnumerateArray().Select(x => x.GetString()!).ToArray());
        }
        await (await client.GetAsync(Api.Task(office, instance))).Problem(HttpStatusCode.NotFound);
        await Eventually.True(async () => (await Duties(client, committee)).GetProperty("due").GetInt32() == 3, "the committee counts three duties due");

        await (await client.Patch(Api.Task(branches[0], instance), """{"status":"done","progress":100}""")).Expect(HttpStatusCode.OK);
        await (await client.Patch(Api.Task(branches[1], instance), """{"title":"别的"}""")).Problem(HttpStatusCode.Conflict);
        await Eventually.True(async () => (await Duties(client, committee)).GetProperty("done").GetInt32() == 1, "one duty done");
        Assert.Equal(1, (await Duties(client, branches[0])).GetProperty("done").GetInt32());

        // An edit reaches the current instances that are not done.
        var edited = await (await client.Patch($"{Schedules}/{id}", """{"title":"支部委员会会议","dueDay":20}""")).Expect(HttpStatusCode.OK);
        Assert.Equal(20, edited.GetProperty("dueDay").GetInt32());
        Assert.Equal("支部委员会", (await Task(client, branches[0], instance)).GetProperty("title").GetString());
        var followed = await Task(client, branches[1], instance);
        Assert.Equal("支部委员会会议", followed.GetProperty("title").GetString());
        Assert.Equal("2026-06-20", followed.GetProperty("due").GetString());

        var page = await (await client.GetAsync($"{Schedules}/{id}/instances")).Expect(HttpStatusCode.OK);
        Assert.Equal("2026-06", page.GetProperty("period").GetString());
        Assert.Equal(3, page.GetProperty("instances").GetArrayLength());
        var done = await (await client.GetAsync($"{Schedules}/{id}/instances?state=done")).Expect(HttpStatusCode.OK);
        Assert.Equal(branches[0], done.GetProperty("instances")[0].GetProperty("unitId").GetString());

    }

    [Fact]
    public async Task Withdrawing_keeps_done_work_and_deleting_leaves_the_instances_as_own_tasks()
    {
        var client = await app.Client();
        var (committee, branches, _) = await DirectivesApiTests.Department(client, "sdel");
        var id = Api.Id("dk");
        await (await client.PostAsJsonAsync(Schedules, Body(id, committee, new { unitIds = branches }, every: "quarter"))).Expect(HttpStatusCode.Created);
        var instance = $"{id}-2026-q2";
        Assert.Equal("2026-06-30", (await Task(client, branches[0], instance)).GetProperty("due").GetString());
        await (await client.Patch(Api.Task(branches[0], instance), """{"status":"done","progress":100}""")).Expect(HttpStatusCode.OK);

        await client.DeleteAsync($"{Schedules}/{id}/targets/{branches[0]}").NoContent();
        await client.DeleteAsync($"{Schedules}/{id}/targets/{branches[1]}").NoContent();
        Assert.Equal("done", (await Task(client, branches[0], instance)).GetProperty("status").GetString());
        await (await client.GetAsync(Api.Task(branches[1], instance))).Problem(HttpStatusCode.NotFound);
        Assert.Equal(1, (await (await client.GetAsync($"{Schedules}/{id}")).Expect(HttpStatusCode.OK)).GetProperty("targetCount").GetInt32());

        await client.DeleteAsync($"{Schedules}/{id}").NoContent();
        await (await client.GetAsync($"{Schedules}/{id}")).Problem(HttpStatusCode.NotFound);
        var kept = await Task(client, branches[2], instance);
        Assert.False(kept.GetProperty("copy").GetBoolean());
        Assert.Equal(id, kept.GetProperty("scheduleId").GetString());
        await (await client.Patch(Api.Task(branches[2], instance), """{"title":"改由支部自定"}""")).Expect(HttpStatusCode.OK);
        Assert.Equal(0, (await Duties(client, branches[2])).GetProperty("due").GetInt32()); // an own task now, not a duty
    }

    [Fact]
    public async Task Schedules_and_directives_keep_to_their_own_routes_and_bad_bodies_are_400()
    {
        var client = await app.Client();
        var (committee, branches, _) = await DirectivesApiTests.Department(client, "sbad");
        var id = Api.Id("own");
        await (await client.PostAsJsonAsync(Schedules, new
        {
            id, issuerUnitId = committee, title = "半年工作小结", track = "business", every = "halfYear", dueDay = 31, until = (string?)null,
            targets = new { unitIds = branches },
        })).Expect(HttpStatusCode.Created);
        Assert.Equal("2026-06-30", (await Task(client, branches[0], $"{id}-2026-h1")).GetProperty("due").GetString());
        await (await client.GetAsync($"{DirectivesApiTests.Directives}/{id}")).Problem(HttpStatusCode.NotFound);
        var listed = await (await client.GetAsync($"{Schedules}?issuer={committee}")).Expect(HttpStatusCode.OK);
        Assert.Equal([id], listed.EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToArray());
        Assert.Empty((await (await client.GetAsync($"{DirectivesApiTests.Directives}?issuer={committee}")).Expect(HttpStatusCode.OK)).EnumerateArray());

        object[] bad =
        [
            new { issuerUnitId = committee, title = "x", track = "party", targets = new { unitIds = branches } },
            new { issuerUnitId = committee, title = "x", track = "party", every = "week", targets = new { unitIds = branches } },
            new { issuerUnitId = committee, title = "x", track = "party", every = "month", dueDay = 0, targets = new { unitIds = branches } },
            new { issuerUnitId = committee, title = "x", track = "party", every = "month", dueDay = "first", targets = new { unitIds = branches } },
            new { issuerUnitId = committee, title = "x", track = "party", every = "month", from = "2026-q3", targets = new { unitIds = branches } },
            new { issuerUnitId = committee, title = "x", track = "party", every = "month", from = "2026-08", until = "2026-07", targets = new { unitIds = branches } },
            new { id = new string('a', 41), issuerUnitId = committee, title = "x", track = "party", every = "month", targets = new { unitIds = branches } },
        ];
        string[] fields = ["every", "every", "dueDay", "dueDay", "from", "until", "id"];
        for (var i = 0; i < bad.Length; i++) await (await client.PostAsJsonAsync(Schedules, bad[i])).Invalid(fields[i]);
        await (await client.Patch($"{Schedules}/{id}", """{"every":"month"}""")).Invalid("every");
        await (await client.Patch($"{Schedules}/{id}", """{"until":"2026-07"}""")).Invalid("until");
        await (await client.GetAsync($"{Schedules}/{id}/instances?period=2026-06")).Invalid("period");
    }
}
