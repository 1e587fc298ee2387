using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;
using Cascade.Tests.Web;

namespace Cascade.Tests.Directives;

/// <summary>
/// Directives over HTTP (docs/api.md "Directives"): a committee hands one piece of work to its
/// branches; each branch holds a copy it reports like any task; the directive rolls the copies up,
/// its owned fields reach every copy, targets are added and withdrawn, and the audit trail records it.
/// </summary>
public sealed class DirectivesApiTests(DirectivesApiTests.App app) : IClassFixture<DirectivesApiTests.App>
{
    public sealed class App : ApiApp;

    internal const string Directives = "/api/v1/directives";

    /// <summary>A committee under the root with three branches and an office below it.</summary>
    internal static async Task<(string Committee, string[] Branches, string Office)> Department(HttpClient client, string name)
    {
        var committee = Api.Id(name);
        await client.CreateUnit(committee, kind: "organCommittee", name: "机关党委");
        var branches = new[] { Api.Id(name + "-b"), Api.Id(name + "-b"), Api.Id(name + "-b") };
        foreach (var b in branches) await client.CreateUnit(b, committee, name: $"第{b}党支部");
        var office = Api.Id(name + "-o");
        await client.CreateUnit(office, committee, kind: "office", name: "办公室");
        return (committee, branches, office);
    }

    internal static object Body(string id, string issuer, object targets, string due = "2026-12-31") => new
    {
        id, issuerUnitId = issuer, title = "主题教育专题学习", track = "party", weight = 2, start = "2026-10-01", due,
        note = "各支部按计划组织学习", tags = new[] { "四强" }, targets,
    };

    private static async Task<JsonElement> Copy(HttpClient client, string unit, string id) =>
        await (await client.GetAsync(Api.Task(unit, id))).Expect(HttpStatusCode.OK);

    [Fact]
    public async Task A_directive_places_one_copy_per_branch_and_rolls_up_what_they_report()
    {
        var client = await app.Client();
        var (committee, branches, office) = await Department(client, "dep");
        var id = Api.Id("zt");
        var created = await (await client.PostAsJsonAsync(Directives, Body(id, committee, new { under = committee, kinds = new[] { "branch" } })))
            .Expect(HttpStatusCode.Created);
        Assert.Equal("deployed", created.GetProperty("state").GetString());
        Assert.Equal(3, created.GetProperty("targetCount").GetInt32());
        Assert.Equal(3, created.GetProperty("rollup").GetProperty("notStartedUnits").GetInt32());

        foreach (var b in branches)
        {
            var copy = await Copy(client, b, id);
            Assert.Equal(id, copy.GetProperty("directiveId").GetString());
            Assert.Equal("主题教育专题学习", copy.GetProperty("title").GetString());
            Assert.Equal("notStarted", copy.GetProperty("status").GetString());
            Assert.Equal("", copy.GetProperty("note").GetString());
            Assert.Equal(["四强"], copy.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray());
            Assert.Equal(committee, copy.GetProperty("issuerUnitId").GetString());
        }
        await (await client.GetAsync(Api.Task(office, id))).Expect(HttpStatusCode.NotFound);

        await (await client.Patch(Api.Task(branches[0], id), """{"status":"done"}""")).Expect(HttpStatusCode.OK);
        await (await client.Patch(Api.Task(branches[1], id), """{"progress":40}""")).Expect(HttpStatusCode.OK);
        await Eventually.True(async () =>
        {
            var r = (await (await client.GetAsync($"{Directives}/{id}")).Expect(HttpStatusCode.OK)).GetProperty("rollup");
            return r.GetProperty("doneUnits").GetInt32() == 1 && r.GetProperty("notStartedUnits").GetInt32() == 1
                && Math.Abs(r.GetProperty("all").GetProperty("progress").GetDouble() - 140 / 300.0) < 1e-9;
        }, "the roll-up follows the copies", TimeSpan.FromSeconds(5));

        var done = await (await client.GetAsync($"{Directives}/{id}/copies?state=done")).Expect(HttpStatusCode.OK);
        var row = Assert.Single(done.GetProperty("copies").EnumerateArray());
        Assert.Equal(branches[0], row.GetProperty("unitId").GetString());
        Assert.Equal($"第{branches[0]}党支部", row.GetProperty("unitName").GetString());
        var page = await (await client.GetAsync($"{Directives}/{id}/copies?limit=2")).Expect(HttpStatusCode.OK);
        Assert.Equal(2, page.GetProperty("copies").GetArrayLength());
        var rest = await (await client.GetAsync($"{Directives}/{id}/copies?limit=2&after={page.GetProperty("next").GetString()}")).Expect(HttpStatusCode.OK);
        Assert.Single(rest.GetProperty("copies").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("next").ValueKind);

        var list = await (await client.GetAsync($"{Directives}?issuer={committee}")).Expect(HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(list.EnumerateArray()).GetProperty("id").GetString());
        Assert.Empty((await (await client.GetAsync($"{Directives}?issuer={ApiApp.Root}")).Expect(HttpStatusCode.OK)).EnumerateArray());
        Assert.Single((await (await client.GetAsync($"{Directives}?issuer={ApiApp.Root}&subtree=true")).Expect(HttpStatusCode.OK))
            .EnumerateArray(), d => d.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task A_copy_owned_fields_are_409_and_follow_the_directive_which_keeps_the_units_own_report()
    {
        var client = await app.Client();
        var (committee, branches, _) = await Department(client, "own");
        var id = Api.Id("own");
        await (await client.PostAsJsonAsync(Directives, Body(id, committee, new { unitIds = branches }))).Expect(HttpStatusCode.Created);
        await (await client.Patch(Api.Task(branches[0], id), """{"progress":30,"note":"已学习两次"}""")).Expect(HttpStatusCode.OK);
        var reported = await Copy(client, branches[0], id);

        foreach (var change in new[] { """{"title":"别的"}""", """{"due":"2027-01-31"}""", """{"weight":5}""", """{"track":"business"}""", """{"start":"2026-11-01"}""" })
            await (await client.Patch(Api.Task(branches[0], id), change)).Problem(HttpStatusCode.Conflict);
        await (await client.Patch(Api.Task(branches[0], id), """{"title":"主题教育专题学习"}""")).Expect(HttpStatusCode.OK);
        Assert.Equal(reported.GetProperty("version").GetInt64(), (await Copy(client, branches[0], id)).GetProperty("version").GetInt64());

        var edited = await (await client.Patch($"{Directives}/{id}", """{"due":"2027-01-15","title":"主题教育专题学习（第二阶段）"}""", ifMatch: "\"1\""))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(2, edited.GetProperty("version").GetInt64());
        var copy = await Copy(client, branches[0], id);
        Assert.Equal("2027-01-15", copy.GetProperty("due").GetString());
        Assert.Equal("主题教育专题学习（第二阶段）", copy.GetProperty("title").GetString());
        Assert.Equal(30, copy.GetProperty("progress").GetInt32());
        Assert.Equal("已学习两次", copy.GetProperty("note").GetString());
        Assert.Equal(reported.GetProperty("updatedAt").GetString(), copy.GetProperty("updatedAt").GetString());
        Assert.Equal(reported.GetProperty("version").GetInt64() + 1, copy.GetProperty("version").GetInt64());

        await (await client.Patch($"{Directives}/{id}", """{"note":"x"}""", ifMatch: "\"1\"")).Problem(HttpStatusCode.PreconditionFailed);
        await (await client.Patch($"{Directives}/{id}", """{"start":"2027-02-01"}""")).Invalid("start");
    }

    [Fact]
    public async Task A_directives_expectation_reaches_its_copies_and_their_roll_up()
    {
        var client = await app.Client();
        var (committee, branches, _) = await Department(client, "exp");
        var id = Api.Id("exp");
        // Due long ago: a linear copy is expected whole either way; one due next year shows the difference.
        var body = new
        {
            id, issuerUnitId = committee, title = "第四季度督查自查", track = "party", start = "2026-01-01", due = "2027-12-31",
            expectation = "atDue", targets = new { unitIds = branches },
        };
        var created = await (await client.PostAsJsonAsync(Directives, body)).Expect(HttpStatusCode.Created);
        Assert.Equal("atDue", created.GetProperty("expectation").GetString());
        Assert.Equal(0, created.GetProperty("rollup").GetProperty("all").GetProperty("expected").GetDouble());
        foreach (var b in branches) Assert.Equal("atDue", (await Copy(client, b, id)).GetProperty("expectation").GetString());
        await (await client.Patch(Api.Task(branches[0], id), """{"expectation":"linear"}""")).Problem(HttpStatusCode.Conflict);

        var edited = await (await client.Patch($"{Directives}/{id}", """{"expectation":"linear"}""")).Expect(HttpStatusCode.OK);
        Assert.Equal("linear", edited.GetProperty("expectation").GetString());
        Assert.True(edited.GetProperty("rollup").GetProperty("all").GetProperty("expected").GetDouble() > 0);
        foreach (var b in branches) Assert.Equal("linear", (await Copy(client, b, id)).GetProperty("expectation").GetString());
        await (await client.Patch($"{Directives}/{id}", """{"expectation":"sometimes"}""")).Invalid("expectation");
    }

    [Fact]
    public async Task Targets_are_added_and_withdrawn_and_the_whole_directive_withdrawn_with_its_copies()
    {
        var client = await app.Client();
        var (committee, branches, office) = await Department(client, "tg");
        var id = Api.Id("tg");
        await (await client.PostAsJsonAsync(Directives, Body(id, committee, new { unitIds = new[] { branches[0] } }))).Expect(HttpStatusCode.Created);

        var added = await (await client.PostAsJsonAsync($"{Directives}/{id}/targets", new { unitIds = new[] { branches[1], office } })).Expect(HttpStatusCode.OK);
        Assert.Equal(3, added.GetProperty("targetCount").GetInt32());
        await Copy(client, office, id);
        await (await client.PostAsJsonAsync($"{Directives}/{id}/targets", new { unitIds = new[] { branches[1] } })).Problem(HttpStatusCode.Conflict);

        await client.Delete($"{Directives}/{id}/targets/{branches[1]}").NoContent();
        await (await client.GetAsync(Api.Task(branches[1], id))).Expect(HttpStatusCode.NotFound);
        await (await client.Delete($"{Directives}/{id}/targets/{branches[1]}")).Problem(HttpStatusCode.NotFound);
        Assert.Equal(2, (await (await client.GetAsync($"{Directives}/{id}")).Expect(HttpStatusCode.OK)).GetProperty("targetCount").GetInt32());

        // The trail takes entries from the issuer's outbox after the answer: wait for both changes of targets.
        var actions = new List<string?>();
        await Eventually.True(async () =>
        {
            var audit = await (await client.GetAsync($"/api/v1/audit?unit={committee}")).Expect(HttpStatusCode.OK);
            actions = [.. audit.EnumerateArray().Select(e => e.GetProperty("action").GetString())];
            return actions.Count(a => a == "directive.targets") >= 2;
        }, "both changes of targets are in the issuer's chain", TimeSpan.FromSeconds(10), () => string.Join(", ", actions));
        Assert.Contains("directive.create", actions);
        Assert.Equal(2, actions.Count(a => a == "directive.targets"));

        await client.Delete($"{Directives}/{id}").NoContent();
        await (await client.GetAsync($"{Directives}/{id}")).Problem(HttpStatusCode.NotFound);
        foreach (var unit in new[] { branches[0], office })
            await (await client.GetAsync(Api.Task(unit, id))).Expect(HttpStatusCode.NotFound);
        await (await client.Delete($"{Directives}/{id}")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_copy_is_not_deleted_by_its_units_editor_and_an_admins_delete_withdraws_the_target()
    {
        var client = await app.Client();
        var (committee, branches, _) = await Department(client, "del");
        var id = Api.Id("del");
        await (await client.PostAsJsonAsync(Directives, Body(id, committee, new { unitIds = branches }))).Expect(HttpStatusCode.Created);
        var secretary = Api.Id("secretary");
        await (await client.PostAsJsonAsync("/api/v1/users", new { username = secretary, password = "a-long-password", displayName = "支部书记", role = "editor", unitId = branches[0] }))
            .Expect(HttpStatusCode.Created);
        var editor = app.CreateClient(await app.SignIn(secretary, "a-long-password"));

        await (await editor.Delete(Api.Task(branches[0], id))).Problem(HttpStatusCode.Conflict);
        await (await editor.Patch(Api.Task(branches[0], id), """{"progress":50}""")).Expect(HttpStatusCode.OK);
        await (await editor.PostAsJsonAsync(Directives, Body(Api.Id("x"), committee, new { unitIds = new[] { branches[1] } }))).Problem(HttpStatusCode.Forbidden);
        await (await editor.Patch($"{Directives}/{id}", """{"note":"x"}""")).Problem(HttpStatusCode.Forbidden);
        Assert.Equal(3, (await (await client.GetAsync($"{Directives}/{id}")).Expect(HttpStatusCode.OK)).GetProperty("targetCount").GetInt32());

        await client.Delete(Api.Task(branches[0], id)).NoContent();
        await Eventually.True(async () =>
            (await (await client.GetAsync($"{Directives}/{id}")).Expect(HttpStatusCode.OK)).GetProperty("targetCount").GetInt32() == 2,
            "the admin's delete withdraws the target", TimeSpan.FromSeconds(5));
        await Eventually.True(async () =>
            (await (await client.GetAsync($"/api/v1/audit?unit={committee}")).Expect(HttpStatusCode.OK)).EnumerateArray()
                .Any(e => e.GetProperty("action").GetString() == "directive.targets" && e.GetProperty("before").GetRawText().Contains(branches[0])),
            "the withdrawal is in the issuer's chain", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Bad_targets_and_taken_ids_are_refused_and_create_nothing()
    {
        var client = await app.Client();
        var (committee, branches, _) = await Department(client, "bad");
        var id = Api.Id("bad");
        await (await client.PostAsJsonAsync(Directives, Body(id, committee, new { unitIds = new[] { ApiApp.Root } }))).Invalid("targets");
        await (await client.PostAsJsonAsync(Directives, Body(id, committee, new { unitIds = new[] { committee } }))).Invalid("targets");
        await (await client.PostAsJsonAsync(Directives, Body(id, committee, new { unitIds = new[] { "no-such-unit" } }))).Invalid("targets");
        await (await client.PostAsJsonAsync(Directives, Body(id, committee, new { unitIds = Array.Empty<string>() }))).Invalid("targets");
        await (await client.PostAsJsonAsync(Directives, Body(id, committee, new { under = branches[0] }))).Invalid("targets");
        await (await client.PostAsJsonAsync(Directives, Body(id, committee, new { }))).Invalid("targets.unitIds");
        await (await client.PostAsJsonAsync(Directives, Body(id, committee, new { under = committee, kinds = new[] { "castle" } }))).Invalid("targets.kinds");
        await (await client.PostAsJsonAsync(Directives, Body(id, "no-such-unit", new { under = committee }))).Invalid("issuerUnitId");
        await (await client.Post(Directives, $$"""{"id":"{{id}}","issuerUnitId":"{{committee}}","title":"t","track":"party","start":"2026-10-01","due":"2026-12-31"}""")).Invalid("targets");

        // A target already holding the id: 409 naming it, and no copy anywhere.
        await client.CreateTask(branches[2], id);
        var taken = await (await client.PostAsJsonAsync(Directives, Body(id, committee, new { under = committee }))).Problem(HttpStatusCode.Conflict);
        Assert.Contains(branches[2], taken.GetProperty("detail").GetString());
        Assert.Contains("idTaken", taken.GetProperty("detail").GetString());
        await (await client.GetAsync($"{Directives}/{id}")).Problem(HttpStatusCode.NotFound);
        await (await client.GetAsync(Api.Task(branches[0], id))).Expect(HttpStatusCode.NotFound);

        // A directive's id is not free for an own task, and a copy is not deleted by its unit's editor... nor twice withdrawn.
        var other = Api.Id("dir");
        await (await client.PostAsJsonAsync(Directives, Body(other, committee, new { unitIds = new[] { branches[0] } }))).Expect(HttpStatusCode.Created);
        await (await client.PostAsJsonAsync(Api.Tasks(branches[1]), new { id = other, title = "t", track = "party", start = "2026-10-01", due = "2026-12-31" }))
            .Problem(HttpStatusCode.Conflict);
        await (await client.PostAsJsonAsync(Directives, Body(other, committee, new { unitIds = new[] { branches[1] } }))).Problem(HttpStatusCode.Conflict);
        await (await client.PostAsJsonAsync(Directives, Body(other, committee, new { unitIds = new[] { branches[0] } }))).Expect(HttpStatusCode.OK);
    }
}

internal static class NoContentResponses
{
    public static async Task NoContent(this Task<HttpResponseMessage> sent)
    {
        var response = await sent;
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"Expected 204 but got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
