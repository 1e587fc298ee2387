using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Tests.Support;

namespace Cascade.Tests.Web;

/// <summary>docs/domain.md "Tree": one root, no cycles, no deleting a unit that still holds something (409).</summary>
public sealed class UnitStructureConflictTests(UnitStructureConflictTests.App app) : IClassFixture<UnitStructureConflictTests.App>
{
    public sealed class App : ApiApp;

    /// <summary>top > middle > bottom, returned as their ids.</summary>
    private static async Task<(string Top, string Middle, string Bottom)> Chain(HttpClient client)
    {
        var (top, middle, bottom) = (Api.Id("top"), Api.Id("middle"), Api.Id("bottom"));
        await client.CreateUnit(top, kind: "organCommittee");
        await client.CreateUnit(middle, top, "generalBranch");
        await client.CreateUnit(bottom, middle);
        // Reports climb one-way: wait until the top counts its whole subtree before comparing states.
        await Eventually.True(async () =>
            (await client.GetFromJsonAsync<JsonElement>($"{Api.Units}/{top}/summary")).GetProperty("units").GetInt32() == 3,
            $"{top} counts three units");
        return (top, middle, bottom);
    }

    [Fact]
    public async Task Moving_a_unit_under_its_own_descendant_is_a_conflict_and_changes_nothing()
    {
        var client = await app.Client();
        var (top, middle, bottom) = await Chain(client);
        var before = await client.State(top);

        await (await client.Patch($"{Api.Units}/{top}", Api.Json(new { parentId = bottom }))).Problem(HttpStatusCode.Conflict);
        await (await client.Patch($"{Api.Units}/{top}", Api.Json(new { parentId = middle }))).Problem(HttpStatusCode.Conflict);

        Assert.Equal(before, await client.State(top));
    }

    [Fact]
    public async Task Moving_a_unit_under_itself_is_a_conflict_and_changes_nothing()
    {
        var client = await app.Client();
        var (top, middle, _) = await Chain(client);
        var before = await client.State(middle);

        await (await client.Patch($"{Api.Units}/{middle}", Api.Json(new { parentId = middle, name = "Renamed" }))).Problem(HttpStatusCode.Conflict);

        Assert.Equal(before, await client.State(middle));
        Assert.Equal(top, (await client.GetFromJsonAsync<JsonElement>($"{Api.Units}/{middle}")).GetProperty("parentId").GetString());
    }

    [Fact]
    public async Task Moving_the_root_under_a_descendant_is_a_conflict_and_changes_nothing()
    {
        var client = await app.Client();
        var (_, _, bottom) = await Chain(client);
        var before = await client.Snapshot(Api.Units);

        await (await client.Patch($"{Api.Units}/{ApiApp.Root}", Api.Json(new { parentId = bottom }))).Problem(HttpStatusCode.Conflict);

        Assert.Equal(before, await client.Snapshot(Api.Units));
    }

    [Fact]
    public async Task Moving_a_unit_sideways_is_allowed()
    {
        var client = await app.Client();
        var (top, _, bottom) = await Chain(client);

        var moved = await (await client.Patch($"{Api.Units}/{bottom}", Api.Json(new { parentId = top }))).Expect(HttpStatusCode.OK);

        Assert.Equal(top, moved.GetProperty("parentId").GetString());
    }

    [Fact]
    public async Task A_second_root_is_a_conflict_and_changes_nothing()
    {
        var client = await app.Client();
        var before = await client.Snapshot(Api.Units);

        var response = await client.Post(Api.Units, Api.Json(new { id = Api.Id("other-root"), parentId = (string?)null, name = "Another root", kind = "partyGroup" }));

        await response.Problem(HttpStatusCode.Conflict);
        Assert.Equal(before, await client.Snapshot(Api.Units));
    }

    [Fact]
    public async Task Setting_parent_null_on_a_unit_that_is_not_the_root_is_a_conflict_and_changes_nothing()
    {
        var client = await app.Client();
        var (_, middle, _) = await Chain(client);
        var before = await client.State(middle);

        await (await client.Patch($"{Api.Units}/{middle}", """{"parentId":null}""")).Problem(HttpStatusCode.Conflict);

        Assert.Equal(before, await client.State(middle));
    }

    [Fact]
    public async Task Setting_parent_null_on_the_root_changes_nothing_and_answers_200()
    {
        var client = await app.Client();
        var before = await client.Snapshot(Api.Units);

        var root = await (await client.Patch($"{Api.Units}/{ApiApp.Root}", """{"parentId":null}""")).Expect(HttpStatusCode.OK);

        Assert.Equal(JsonValueKind.Null, root.GetProperty("parentId").ValueKind);
        Assert.Equal(before, await client.Snapshot(Api.Units));
    }

    [Fact]
    public async Task Deleting_a_unit_that_has_children_is_a_conflict_and_changes_nothing()
    {
        var client = await app.Client();
        var (top, middle, _) = await Chain(client);
        var before = await client.State(middle);

        await (await client.Delete($"{Api.Units}/{middle}")).Problem(HttpStatusCode.Conflict);
        await (await client.Delete($"{Api.Units}/{top}")).Problem(HttpStatusCode.Conflict);

        Assert.Equal(before, await client.State(middle));
    }

    [Fact]
    public async Task Deleting_a_unit_that_has_tasks_is_a_conflict_and_changes_nothing()
    {
        var client = await app.Client();
        var unit = Api.Id("busy");
        await client.CreateUnit(unit);
        await client.CreateTask(unit, "t1");
        var before = await client.State(unit);

        await (await client.Delete($"{Api.Units}/{unit}")).Problem(HttpStatusCode.Conflict);

        Assert.Equal(before, await client.State(unit));
        await (await client.GetAsync(Api.Task(unit, "t1"))).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Deleting_an_empty_unit_answers_204_and_a_second_delete_is_404()
    {
        var client = await app.Client();
        var unit = Api.Id("empty");
        await client.CreateUnit(unit);
        await client.CreateTask(unit, "t1");
        Assert.Equal(HttpStatusCode.NoContent, (await client.Delete(Api.Task(unit, "t1"))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.Delete($"{Api.Units}/{unit}")).StatusCode);

        await (await client.Delete($"{Api.Units}/{unit}")).Problem(HttpStatusCode.NotFound);
        await (await client.GetAsync($"{Api.Units}/{unit}")).Problem(HttpStatusCode.NotFound);
        Assert.DoesNotContain($"\"{unit}\"", await client.Snapshot(Api.Units));
    }
}
