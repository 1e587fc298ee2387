using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Cascade.Tests.Web;

/// <summary>Unit bodies, route ids and the tree depth that docs/api.md and docs/domain.md "Tree" refuse.</summary>
public sealed class UnitValidationTests(UnitValidationTests.App app) : IClassFixture<UnitValidationTests.App>
{
    public sealed class App : ApiApp;

    private static string Body(object id, object? parentId = null, object? name = null, object? kind = null) =>
        Api.Json(new { id, parentId = parentId ?? ApiApp.Root, name = name ?? "A unit", kind = kind ?? "branch" });

    [Theory]
    [InlineData("Upper")]
    [InlineData("-leading-dash")]
    [InlineData("")]
    [InlineData("under_score")]
    [InlineData("with space")]
    [InlineData("dot.ted")]
    [InlineData("ends-with-newline\n")]
    [InlineData("a2345678901234567890123456789012345678901234567890123456789012345")]
    public async Task A_malformed_unit_id_in_the_body_is_rejected_and_changes_nothing(string id)
    {
        var client = await app.Client();
        var before = await client.Snapshot(Api.Units);

        await (await client.Post(Api.Units, Body(id))).Invalid("id");

        Assert.Equal(before, await client.Snapshot(Api.Units));
    }

    [Fact]
    public async Task A_unit_id_of_64_characters_is_accepted()
    {
        var client = await app.Client();
        var id = new string('a', 60) + "-" + Random.Shared.Next(100, 999);

        await (await client.Post(Api.Units, Body(id))).Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_unit_id_that_is_not_a_string_is_rejected_and_changes_nothing()
    {
        var client = await app.Client();
        var before = await client.Snapshot(Api.Units);

        await (await client.Post(Api.Units, Body(42))).Invalid("id");
        await (await client.Post(Api.Units, """{"id":null,"parentId":"root","name":"A unit","kind":"branch"}""")).Invalid("id");

        Assert.Equal(before, await client.Snapshot(Api.Units));
    }

    [Theory]
    [InlineData("Root")]
    [InlineData("not an id")]
    [InlineData("")]
    public async Task A_malformed_parent_id_in_the_body_is_rejected_and_changes_nothing(string parentId)
    {
        var client = await app.Client();
        var unit = Api.Id("bad-parent");
        await client.CreateUnit(unit);
        var before = await client.State(unit);

        await (await client.Post(Api.Units, Body(Api.Id("orphan"), parentId))).Invalid("parentId");
        await (await client.Patch($"{Api.Units}/{unit}", Api.Json(new { parentId }))).Invalid("parentId");

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task Every_missing_required_field_of_a_unit_is_named()
    {
        var client = await app.Client();
        var before = await client.Snapshot(Api.Units);

        await (await client.Post(Api.Units, "{}")).Invalid("id", "parentId", "name", "kind");

        Assert.Equal(before, await client.Snapshot(Api.Units));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n\u3000")]
    public async Task An_empty_or_blank_unit_name_is_rejected_and_changes_nothing(string name)
    {
        var client = await app.Client();
        var unit = Api.Id("blank-name");
        await client.CreateUnit(unit);
        var before = await client.State(unit);

        await (await client.Post(Api.Units, Body(Api.Id("nameless"), unit, name))).Invalid("name");
        await (await client.Patch($"{Api.Units}/{unit}", Api.Json(new { name }))).Invalid("name");

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task A_unit_name_over_100_characters_is_rejected_and_changes_nothing()
    {
        var client = await app.Client();
        var unit = Api.Id("long-name");
        await client.CreateUnit(unit);
        var before = await client.State(unit);
        var name = new string('名', 101);

        await (await client.Post(Api.Units, Body(Api.Id("long"), unit, name))).Invalid("name");
        await (await client.Patch($"{Api.Units}/{unit}", Api.Json(new { name }))).Invalid("name");

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task A_unit_name_of_100_characters_after_trimming_is_accepted_trimmed()
    {
        var client = await app.Client();
        var name = new string('名', 100);

        var unit = await (await client.Post(Api.Units, Body(Api.Id("hundred"), name: $"  {name}  "))).Expect(HttpStatusCode.Created);

        Assert.Equal(name, unit.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_null_unit_name_in_a_patch_is_rejected_and_changes_nothing()
    {
        var client = await app.Client();
        var unit = Api.Id("null-name");
        await client.CreateUnit(unit);
        var before = await client.State(unit);

        await (await client.Patch($"{Api.Units}/{unit}", """{"name":null}""")).Invalid("name");
        await (await client.Patch($"{Api.Units}/{unit}", """{"kind":null}""")).Invalid("kind");
        await (await client.Patch($"{Api.Units}/{unit}", """{"sort":null}""")).Invalid("sort");

        Assert.Equal(before, await client.State(unit));
    }

    [Theory]
    [InlineData("\"committee\"")]
    [InlineData("\"PartyGroup\"")]
    [InlineData("\"branch \"")]
    [InlineData("1")]
    [InlineData("null")]
    public async Task An_unknown_unit_kind_is_rejected_and_changes_nothing(string kind)
    {
        var client = await app.Client();
        var unit = Api.Id("bad-kind");
        await client.CreateUnit(unit);
        var before = await client.State(unit);

        await (await client.Post(Api.Units, $$"""{"id":"{{Api.Id("kindless")}}","parentId":"{{unit}}","name":"A","kind":{{kind}}}"""))
            .Invalid("kind");
        await (await client.Patch($"{Api.Units}/{unit}", $$"""{"kind":{{kind}}}""")).Invalid("kind");

        Assert.Equal(before, await client.State(unit));
    }

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("1.5")]
    [InlineData("3000000000")]
    public async Task A_sort_that_is_not_an_integer_is_rejected_and_changes_nothing(string sort)
    {
        var client = await app.Client();
        var unit = Api.Id("bad-sort");
        await client.CreateUnit(unit);
        var before = await client.State(unit);

        await (await client.Post(Api.Units, $$"""{"id":"{{Api.Id("unsorted")}}","parentId":"{{unit}}","name":"A","kind":"branch","sort":{{sort}}}"""))
            .Invalid("sort");
        await (await client.Patch($"{Api.Units}/{unit}", $$"""{"sort":{{sort}}}""")).Invalid("sort");

        Assert.Equal(before, await client.State(unit));
    }

    [Theory]
    [InlineData("nowhere")]
    [InlineData("NOT-AN-ID")]
    [InlineData("a_b")]
    public async Task An_unknown_or_malformed_unit_id_in_the_route_is_404(string id)
    {
        var client = await app.Client();
        var before = await client.Snapshot(Api.Units);

        await (await client.GetAsync($"{Api.Units}/{id}")).Problem(HttpStatusCode.NotFound);
        await (await client.GetAsync($"{Api.Units}/{id}/summary")).Problem(HttpStatusCode.NotFound);
        await (await client.GetAsync($"{Api.Units}/{id}/tree?depth=2")).Problem(HttpStatusCode.NotFound);
        await (await client.GetAsync($"{Api.Units}?parent={id}")).Problem(HttpStatusCode.NotFound);
        await (await client.Patch($"{Api.Units}/{id}", """{"name":"Renamed"}""")).Problem(HttpStatusCode.NotFound);
        await (await client.Delete($"{Api.Units}/{id}")).Problem(HttpStatusCode.NotFound);

        Assert.Equal(before, await client.Snapshot(Api.Units));
    }

    [Fact]
    public async Task A_unit_id_in_the_route_that_is_too_long_is_404()
    {
        var client = await app.Client();
        var id = new string('a', 65);

        await (await client.GetAsync($"{Api.Units}/{id}")).Problem(HttpStatusCode.NotFound);
        await (await client.Delete($"{Api.Units}/{id}")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unknown_parent_in_a_post_is_404_and_changes_nothing()
    {
        var client = await app.Client();
        var before = await client.Snapshot(Api.Units);

        await (await client.Post(Api.Units, Body(Api.Id("lost"), "no-such-parent"))).Problem(HttpStatusCode.NotFound);

        Assert.Equal(before, await client.Snapshot(Api.Units));
    }

    [Fact]
    public async Task An_unknown_parent_in_a_patch_is_404_and_changes_nothing()
    {
        var client = await app.Client();
        var unit = Api.Id("moving");
        await client.CreateUnit(unit);
        var before = await client.State(unit);

        await (await client.Patch($"{Api.Units}/{unit}", """{"parentId":"no-such-parent","name":"Moved"}""")).Problem(HttpStatusCode.NotFound);

        Assert.Equal(before, await client.State(unit));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("11")]
    [InlineData("x")]
    [InlineData("1.5")]
    [InlineData("")]
    [InlineData("99999999999")]
    public async Task A_tree_depth_outside_0_to_10_is_rejected(string depth)
    {
        var client = await app.Client();

        await (await client.GetAsync($"{Api.Units}/{ApiApp.Root}/tree?depth={depth}")).Invalid("depth");
    }

    [Fact]
    public async Task A_repeated_tree_depth_is_rejected()
    {
        var client = await app.Client();

        await (await client.GetAsync($"{Api.Units}/{ApiApp.Root}/tree?depth=1&depth=2")).Invalid("depth");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public async Task A_tree_depth_of_0_or_10_is_answered(int depth)
    {
        var client = await app.Client();
        var unit = Api.Id("tree-top");
        await client.CreateUnit(unit);
        await client.CreateUnit(Api.Id("tree-leaf"), unit);

        var tree = await client.GetFromJsonAsync<JsonElement>($"{Api.Units}/{unit}/tree?depth={depth}");

        Assert.Equal(depth == 0 ? 0 : 1, tree.GetProperty("children").GetArrayLength());
    }
}
