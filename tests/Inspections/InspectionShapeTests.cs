using System.Net;
using System.Net.Http.Json;
using Cascade.Tests.Support;
using Cascade.Tests.Web;

namespace Cascade.Tests.Inspections;

/// <summary>
/// The directory read at takenAt fixes the frozen shape: units added or moved later are not in it,
/// a later inspection holds them, and a comparison shows them on its side only (docs/domain.md "Inspections").
/// </summary>
public sealed class InspectionShapeTests(InspectionShapeTests.App app) : IClassFixture<InspectionShapeTests.App>
{
    public sealed class App : ApiApp;

    [Fact]
    public async Task Units_added_or_moved_after_takenAt_are_not_in_it_and_compare_on_the_later_side_only()
    {
        var client = await app.Client();
        var committee = Api.Id("jgdw");
        await client.CreateUnit(committee, kind: "organCommittee", name: "机关党委");
        var (stays, leaves) = (Api.Id("zb"), Api.Id("zb"));
        await client.CreateUnit(stays, committee, name: "第一党支部");
        await client.CreateUnit(leaves, committee, name: "第二党支部");
        await client.CreateTask(stays, "t1");
        await client.CreateTask(leaves, "t1");
        var first = Api.Id("dc");
        await Inspect.Capture(client, first, committee);
        var tree = await client.Snapshot($"{Inspect.Route}/{first}/tree?depth=2");

        var added = Api.Id("zb");
        await client.CreateUnit(added, committee, name: "新党支部");
        await client.CreateTask(added, "t1");
        await (await client.PatchAsJsonAsync($"{Api.Units}/{leaves}", new { parentId = ApiApp.Root })).Expect(HttpStatusCode.OK);
        Assert.Equal(tree, await client.Snapshot($"{Inspect.Route}/{first}/tree?depth=2"));
        await (await client.GetAsync($"{Inspect.Route}/{first}/units/{added}/tasks")).Problem(HttpStatusCode.NotFound);
        // The unit that moved out is still in the first inspection, with its frozen task.
        var frozen = await (await client.GetAsync($"{Inspect.Route}/{first}/units/{leaves}/tasks")).Expect(HttpStatusCode.OK);
        Assert.Single(frozen.EnumerateArray());

        var second = Api.Id("dc");
        var header = await Inspect.Capture(client, second, committee);
        Assert.Equal(3, header.GetProperty("units").GetInt32()); // the committee, the one that stayed, the new one
        var compared = await (await client.GetAsync($"{Inspect.Route}/compare?from={first}&to={second}")).Expect(HttpStatusCode.OK);
        var units = compared.GetProperty("units").EnumerateArray().ToDictionary(u => u.GetProperty("unitId").GetString()!);
        // The first inspection's units in its order (the committee first), then the one only the second holds.
        var order = compared.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unitId").GetString()!).ToList();
        Assert.Equal(committee, order[0]);
        Assert.Equal(added, order[^1]);
        Assert.Equal(new[] { stays, leaves }.Order(StringComparer.Ordinal), order[1..^1].Order(StringComparer.Ordinal));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, units[leaves].GetProperty("to").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, units[added].GetProperty("from").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, units[added].GetProperty("delta").GetProperty("count").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, units[added].GetProperty("healthFrom").ValueKind);
        Assert.Equal(0, units[committee].GetProperty("delta").GetProperty("count").GetInt32()); // one task left, one came
    }
}
