using System.Net;
using System.Net.Http.Json;
using Cascade.Tests.Support;
using Cascade.Tests.Web;

namespace Cascade.Tests.Inspections;

/// <summary>Every bad input of the inspection routes with its exact status (docs/api.md "Inspections"), and that a refusal stores nothing.</summary>
public sealed class InspectionInputTests(InspectionInputTests.App app) : IClassFixture<InspectionInputTests.App>
{
    public sealed class App : ApiApp;

    private async Task<(HttpClient Client, string Committee, string Branch)> Setup()
    {
        var client = await app.Client();
        var committee = Api.Id("jgdw");
        await client.CreateUnit(committee, kind: "organCommittee", name: "机关党委");
        var branch = Api.Id("zb");
        await client.CreateUnit(branch, committee, name: "第一党支部");
        await client.CreateTask(branch, "t1");
        return (client, committee, branch);
    }

    [Theory]
    [InlineData("2026-q5")]
    [InlineData("2026-h3")]
    [InlineData("2026-12")]
    [InlineData("26-q1")]
    [InlineData("2026-Q1")]
    [InlineData("2026q1")]
    [InlineData("")]
    public async Task A_period_that_is_not_a_quarter_half_year_or_year_is_400(string period)
    {
        var (client, committee, _) = await Setup();
        var id = Api.Id("dc");
        await (await client.PostAsJsonAsync(Inspect.Route, Inspect.Body(id, committee, period))).Invalid("period");
        await (await client.GetAsync($"{Inspect.Route}/{id}")).Problem(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("2026-q4")]
    [InlineData("2026-h1")]
    [InlineData("2026")]
    public async Task A_quarter_a_half_year_or_a_year_is_a_period(string period)
    {
        var (client, committee, _) = await Setup();
        var header = await Inspect.Capture(client, Api.Id("dc"), committee, period);
        Assert.Equal(period, header.GetProperty("period").GetString());
    }

    [Fact]
    public async Task Missing_or_malformed_fields_are_400_naming_them()
    {
        var (client, _, _) = await Setup();
        await (await client.PostAsJsonAsync(Inspect.Route, new { title = "督查", period = "2026-q4" })).Invalid("id");
        await (await client.PostAsJsonAsync(Inspect.Route, new { id = "Bad Id", title = "督查", period = "2026-q4" })).Invalid("id");
        await (await client.PostAsJsonAsync(Inspect.Route, new { id = Api.Id("dc"), period = "2026-q4" })).Invalid("title");
        await (await client.PostAsJsonAsync(Inspect.Route, new { id = Api.Id("dc"), title = "  ", period = "2026-q4" })).Invalid("title");
        await (await client.PostAsJsonAsync(Inspect.Route, new { id = Api.Id("dc"), title = new string('督', 201), period = "2026-q4" })).Invalid("title");
        await (await client.PostAsJsonAsync(Inspect.Route, new { id = Api.Id("dc"), title = "督查" })).Invalid("period");
        await (await client.PostAsJsonAsync(Inspect.Route, new { id = Api.Id("dc"), title = "督查", period = "2026-q4", inspectorUnitIds = "a" })).Invalid("inspectorUnitIds");
        await (await client.PostAsJsonAsync(Inspect.Route, new { id = Api.Id("dc"), title = "督查", period = "2026-q4", inspectorUnitIds = new[] { "a", "a" } })).Invalid("inspectorUnitIds");
        await (await client.Post(Inspect.Route, "[1]")).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_unknown_scope_or_inspector_unit_is_404_and_nothing_is_stored()
    {
        var (client, committee, _) = await Setup();
        var id = Api.Id("dc");
        await (await client.PostAsJsonAsync(Inspect.Route, Inspect.Body(id, "no-such-unit"))).Problem(HttpStatusCode.NotFound);
        await (await client.PostAsJsonAsync(Inspect.Route, Inspect.Body(id, committee, inspectors: ["no-such-unit"]))).Problem(HttpStatusCode.NotFound);
        await (await client.GetAsync($"{Inspect.Route}/{id}")).Problem(HttpStatusCode.NotFound);
        // The id is still free.
        await Inspect.Capture(client, id, committee);
    }

    [Fact]
    public async Task The_same_id_and_body_again_answers_the_inspection_and_another_body_is_409()
    {
        var (client, committee, branch) = await Setup();
        var id = Api.Id("dc");
        var first = await Inspect.Capture(client, id, committee);
        var again = await (await client.PostAsJsonAsync(Inspect.Route, Inspect.Body(id, committee))).Expect(HttpStatusCode.OK);
        Assert.Equal(first.GetProperty("takenAt").GetString(), again.GetProperty("takenAt").GetString());
        Assert.Equal("captured", again.GetProperty("state").GetString());
        await (await client.PostAsJsonAsync(Inspect.Route, Inspect.Body(id, branch))).Problem(HttpStatusCode.Conflict);
        await (await client.PostAsJsonAsync(Inspect.Route, Inspect.Body(id, committee, "2026-q3"))).Problem(HttpStatusCode.Conflict);
        await (await client.PostAsJsonAsync(Inspect.Route, Inspect.Body(id, committee, title: "另一个"))).Problem(HttpStatusCode.Conflict);
        Assert.Equal(first.GetProperty("takenAt").GetString(), (await (await client.GetAsync($"{Inspect.Route}/{id}")).Expect(HttpStatusCode.OK)).GetProperty("takenAt").GetString());
    }

    [Fact]
    public async Task The_scope_defaults_to_the_root_and_the_list_holds_it()
    {
        var (client, _, _) = await Setup();
        var id = Api.Id("dc");
        var header = await Inspect.Capture(client, id);
        Assert.Equal(ApiApp.Root, header.GetProperty("unitId").GetString());
        Assert.Equal(ApiApp.Root, header.GetProperty("summary").GetProperty("unitId").GetString());
        var list = await (await client.GetAsync(Inspect.Route)).Expect(HttpStatusCode.OK);
        Assert.Contains(list.EnumerateArray(), i => i.GetProperty("id").GetString() == id && i.GetProperty("state").GetString() == "captured");
    }

    [Fact]
    public async Task Reads_of_unknown_inspections_units_and_bad_depths_are_refused()
    {
        var (client, committee, branch) = await Setup();
        var id = Api.Id("dc");
        await Inspect.Capture(client, id, committee);
        await (await client.GetAsync($"{Inspect.Route}/nope")).Problem(HttpStatusCode.NotFound);
        await (await client.GetAsync($"{Inspect.Route}/Not-An-Id")).Problem(HttpStatusCode.NotFound);
        await (await client.GetAsync($"{Inspect.Route}/nope/tree")).Problem(HttpStatusCode.NotFound);
        await (await client.GetAsync($"{Inspect.Route}/{id}/tree?unit={ApiApp.Root}")).Problem(HttpStatusCode.NotFound); // above the scope
        await (await client.GetAsync($"{Inspect.Route}/{id}/tree?unit=no-such")).Problem(HttpStatusCode.NotFound);
        foreach (var depth in new[] { "11", "-1", "x", "1.5" })
            await (await client.GetAsync($"{Inspect.Route}/{id}/tree?depth={depth}")).Invalid("depth");
        await (await client.GetAsync($"{Inspect.Route}/{id}/units/{ApiApp.Root}/tasks")).Problem(HttpStatusCode.NotFound);
        await (await client.GetAsync($"{Inspect.Route}/{id}/units/no-such/alerts")).Problem(HttpStatusCode.NotFound);
        await (await client.GetAsync($"{Inspect.Route}/nope/units/{branch}/tasks")).Problem(HttpStatusCode.NotFound);
        var tasks = await (await client.GetAsync($"{Inspect.Route}/{id}/units/{branch}/tasks")).Expect(HttpStatusCode.OK);
        Assert.Equal("t1", Assert.Single(tasks.EnumerateArray()).GetProperty("id").GetString());
        var tree = await (await client.GetAsync($"{Inspect.Route}/{id}/tree?unit={branch}&depth=0")).Expect(HttpStatusCode.OK);
        Assert.Equal(branch, tree.GetProperty("id").GetString());
        Assert.Equal(0, tree.GetProperty("children").GetArrayLength());
    }

    [Fact]
    public async Task Compare_refuses_missing_sides_unknown_ids_and_different_scopes_naming_both()
    {
        var (client, committee, branch) = await Setup();
        var (a, b) = (Api.Id("dc"), Api.Id("dc"));
        await Inspect.Capture(client, a, committee);
        await Inspect.Capture(client, b, branch);
        await (await client.GetAsync($"{Inspect.Route}/compare?to=now")).Invalid("from");
        await (await client.GetAsync($"{Inspect.Route}/compare?from={a}")).Invalid("to");
        await (await client.GetAsync($"{Inspect.Route}/compare?from={a}&to=now&depth=11")).Invalid("depth");
        await (await client.GetAsync($"{Inspect.Route}/compare?from=nope&to=now")).Problem(HttpStatusCode.NotFound);
        await (await client.GetAsync($"{Inspect.Route}/compare?from={a}&to=nope")).Problem(HttpStatusCode.NotFound);
        await (await client.GetAsync($"{Inspect.Route}/compare?from={a}&to=now&unit={ApiApp.Root}")).Problem(HttpStatusCode.NotFound);
        var problem = await (await client.GetAsync($"{Inspect.Route}/compare?from={a}&to={b}")).Invalid("to");
        var message = problem.GetProperty("errors").GetProperty("to")[0].GetString()!;
        foreach (var named in new[] { a, b, committee, branch }) Assert.Contains($"'{named}'", message);
        var same = await (await client.GetAsync($"{Inspect.Route}/compare?from={a}&to={a}&depth=0")).Expect(HttpStatusCode.OK);
        var unit = Assert.Single(same.GetProperty("units").EnumerateArray());
        Assert.Equal(0, unit.GetProperty("delta").GetProperty("count").GetInt32());
    }
}
