using System.Net;
using System.Text.Json;
using Cascade.Tests.Web;

namespace Cascade.Tests.History;

/// <summary>The OpenAPI document describes the history routes: their parameters, answers and refusals.</summary>
public sealed class HistoryOpenApiTests(HistoryOpenApiTests.App app) : IClassFixture<HistoryOpenApiTests.App>
{
    public sealed class App : ApiApp;

    [Fact]
    public async Task History_and_the_tree_of_a_past_day_are_documented()
    {
        var document = await (await (await app.Client()).GetAsync("/openapi/v1.json")).Expect(HttpStatusCode.OK);
        var paths = document.GetProperty("paths");
        var history = paths.GetProperty("/api/v1/units/{id}/history").GetProperty("get");
        var tree = paths.GetProperty("/api/v1/units/{id}/tree").GetProperty("get");
        static string[] Names(JsonElement op) => op.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToArray();
        Assert.Superset(new HashSet<string> { "id", "from", "to" }, Names(history).ToHashSet());
        Assert.Superset(new HashSet<string> { "id", "depth", "asOf" }, Names(tree).ToHashSet());
        foreach (var status in new[] { "200", "400", "401", "403", "404" })
        {
            Assert.True(history.GetProperty("responses").TryGetProperty(status, out _), $"history lacks {status}");
            Assert.True(tree.GetProperty("responses").TryGetProperty(status, out _), $"tree lacks {status}");
        }
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.TryGetProperty("HistoryAnswer", out var answer), string.Join(", ", schemas.EnumerateObject().Select(s => s.Name)));
        Assert.True(answer.GetProperty("properties").TryGetProperty("days", out _));
        Assert.True(schemas.TryGetProperty("HistoryNode", out var node), tree.GetProperty("responses").GetProperty("200").ToString());
        Assert.True(node.GetProperty("properties").TryGetProperty("figures", out _));
    }
}
