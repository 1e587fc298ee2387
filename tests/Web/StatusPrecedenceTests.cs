using System.Net;
using System.Text;

namespace Cascade.Tests.Web;

/// <summary>
/// docs/api.md "Conventions": when several statuses apply, the first of 401; 413 and 415; 404; 403;
/// 400; 412; 409 wins, and the request changes nothing.
/// </summary>
public sealed class StatusPrecedenceTests(StatusPrecedenceTests.App app) : IClassFixture<StatusPrecedenceTests.App>
{
    public sealed class App : ApiApp;

    private const string Malformed = """{"title": """;
    private const string Invalid = """{"title":"","track":"finished","progress":101}""";
    private static readonly string Oversized = $$"""{"title":"{{new string('x', 65 * 1024)}}"}""";

    private async Task<(HttpClient Client, string Unit, string Before)> Arrange(string prefix)
    {
        var client = await app.Client();
        var unit = Api.Id(prefix);
        await client.CreateUnit(unit);
        await client.CreateTask(unit, "t1");
        await (await client.Patch(Api.Task(unit, "t1"), """{"progress":10}""")).Expect(HttpStatusCode.OK);
        return (client, unit, await client.State(unit));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("NOT_AN_ID")]
    public async Task A_wrong_content_type_on_an_unknown_unit_is_415(string unknown)
    {
        var (client, unit, before) = await Arrange("type-over-404");

        await (await client.Post(Api.Tasks(unknown), Malformed, "text/plain")).Problem(HttpStatusCode.UnsupportedMediaType);
        await (await client.Patch(Api.Task(unknown, "t1"), Malformed, "text/plain")).Problem(HttpStatusCode.UnsupportedMediaType);
        await (await client.Patch(Api.Task(unit, "no-such-task"), Malformed, contentType: null)).Problem(HttpStatusCode.UnsupportedMediaType);
        await (await client.Patch($"{Api.Units}/{unknown}", Malformed, "text/plain")).Problem(HttpStatusCode.UnsupportedMediaType);

        Assert.Equal(before, await client.State(unit));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("NOT_AN_ID")]
    public async Task A_body_too_large_on_an_unknown_unit_is_413(string unknown)
    {
        var (client, unit, before) = await Arrange("size-over-404");

        await (await client.Post(Api.Tasks(unknown), Oversized)).Problem(HttpStatusCode.RequestEntityTooLarge);
        await (await client.Patch(Api.Task(unknown, "t1"), Oversized)).Problem(HttpStatusCode.RequestEntityTooLarge);
        await (await client.Patch(Api.Task(unit, "no-such-task"), Oversized)).Problem(HttpStatusCode.RequestEntityTooLarge);
        await (await client.Patch($"{Api.Units}/{unknown}", Oversized)).Problem(HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task A_body_too_large_in_a_wrong_content_type_is_refused_by_the_transport()
    {
        var (client, unit, before) = await Arrange("size-and-type");

        var response = await client.Post(Api.Tasks(unit), Oversized, "text/plain");

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.UnsupportedMediaType });
        await response.Problem(response.StatusCode);
        Assert.Equal(before, await client.State(unit));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("NOT_AN_ID")]
    public async Task A_malformed_body_on_an_unknown_unit_is_404(string unknown)
    {
        var (client, unit, before) = await Arrange("malformed-404");

        await (await client.Post(Api.Tasks(unknown), Malformed)).Problem(HttpStatusCode.NotFound);
        await (await client.Patch(Api.Task(unknown, "t1"), Malformed)).Problem(HttpStatusCode.NotFound);
        await (await client.Patch($"{Api.Units}/{unknown}", Malformed)).Problem(HttpStatusCode.NotFound);
        await (await client.Post(Api.Tasks(unknown), "[1,2]")).Problem(HttpStatusCode.NotFound);

        Assert.Equal(before, await client.State(unit));
    }

    [Theory]
    [InlineData("no-such-task")]
    [InlineData("NOT_AN_ID")]
    public async Task A_malformed_or_invalid_body_on_an_unknown_task_is_404(string unknown)
    {
        var (client, unit, before) = await Arrange("invalid-404");

        await (await client.Patch(Api.Task(unit, unknown), Malformed)).Problem(HttpStatusCode.NotFound);
        await (await client.Patch(Api.Task(unit, unknown), Invalid)).Problem(HttpStatusCode.NotFound);
        await (await client.Patch(Api.Task(unit, unknown), Invalid, ifMatch: "\"1\"")).Problem(HttpStatusCode.NotFound);

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task An_invalid_task_body_on_an_unknown_unit_is_404()
    {
        var (client, unit, before) = await Arrange("invalid-unit-404");

        await (await client.Post(Api.Tasks("missing"), Invalid)).Problem(HttpStatusCode.NotFound);

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task An_invalid_unit_body_on_an_unknown_unit_is_404()
    {
        var (client, unit, before) = await Arrange("invalid-unit-patch-404");

        await (await client.Patch($"{Api.Units}/missing", """{"name":"","parentId":"Bad!"}""")).Problem(HttpStatusCode.NotFound);

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task An_invalid_body_with_a_stale_if_match_is_400()
    {
        var (client, unit, before) = await Arrange("invalid-over-412");

        await (await client.Patch(Api.Task(unit, "t1"), Invalid, ifMatch: "\"1\"")).Invalid("title", "track", "progress");
        await (await client.Patch(Api.Task(unit, "t1"), Malformed, ifMatch: "\"1\"")).Invalid("$");
        // Normalisation refusals are 400s of the body too.
        await (await client.Patch(Api.Task(unit, "t1"), """{"status":"done","progress":50}""", ifMatch: "\"1\"")).Invalid("progress");

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task An_invalid_task_body_reusing_an_existing_id_is_400()
    {
        var (client, unit, before) = await Arrange("invalid-over-409");

        await (await client.Post(Api.Tasks(unit), """{"id":"t1","title":"","track":"party","start":"2026-06-01","due":"2026-12-31"}"""))
            .Invalid("title");

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task An_invalid_unit_body_that_would_also_conflict_is_400()
    {
        var (client, unit, before) = await Arrange("unit-invalid-over-409");

        // A second root with a bad name, an existing id with a bad kind, a cycle with a bad name.
        await (await client.Post(Api.Units, Api.Json(new { id = Api.Id("root-two"), parentId = (string?)null, name = " ", kind = "partyGroup" })))
            .Invalid("name");
        await (await client.Post(Api.Units, Api.Json(new { id = unit, parentId = ApiApp.Root, name = "Same", kind = "committee" })))
            .Invalid("kind");
        await (await client.Patch($"{Api.Units}/{ApiApp.Root}", Api.Json(new { parentId = unit, name = "" }))).Invalid("name");

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task An_invalid_unit_body_with_an_unknown_parent_is_400()
    {
        var (client, unit, before) = await Arrange("unit-invalid-over-body-404");

        await (await client.Post(Api.Units, Api.Json(new { id = Api.Id("lost"), parentId = "missing", name = "", kind = "branch" }))).Invalid("name");
        await (await client.Patch($"{Api.Units}/{unit}", Api.Json(new { parentId = "missing", sort = "first" }))).Invalid("sort");

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task An_unknown_parent_that_would_also_conflict_is_404()
    {
        var (client, unit, before) = await Arrange("body-404-over-409");

        // The id exists already with other values, but the parent does not exist.
        await (await client.Post(Api.Units, Api.Json(new { id = unit, parentId = "missing", name = "Other", kind = "branch" })))
            .Problem(HttpStatusCode.NotFound);

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task A_stale_if_match_on_a_delete_of_a_task_is_412_before_anything_else()
    {
        var (client, unit, before) = await Arrange("delete-412");

        await (await client.Delete(Api.Task(unit, "t1"), ifMatch: "\"1\"")).Problem(HttpStatusCode.PreconditionFailed);

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task No_bad_request_answers_500()
    {
        var client = await app.Client();
        var unit = Api.Id("no-500");
        await client.CreateUnit(unit);
        await client.CreateTask(unit, "t1");
        string[] bodies =
        [
            "", "{", "[]", "null", "\"x\"", "1e999", "{\"title\":{\"nested\":[1,2,{}]}}", "{\"weight\":-0}",
            "{\"progress\":1e999}", "{\"progress\":-2147483649}", "{\"start\":\"9999-12-31\",\"due\":\"9999-12-31\"}",
            "{\"start\":\"0001-01-01\"}", "{\"title\":\"\\u0000\"}", "{\"\\ud800\":1}", new string('[', 5000) + new string(']', 5000),
        ];
        string[] urls = [Api.Tasks(unit), Api.Task(unit, "t1"), Api.Tasks("missing"), $"{Api.Units}/{unit}", Api.Units];

        foreach (var url in urls)
            foreach (var body in bodies)
                foreach (var method in new[] { HttpMethod.Post, HttpMethod.Patch })
                {
                    var response = await client.Send(method, url, body);
                    Assert.True((int)response.StatusCode < 500,
                        $"{method} {url} {body[..Math.Min(body.Length, 40)]} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }

        var encoded = await client.GetAsync($"{Api.Units}/{Uri.EscapeDataString("ü\n/..%")}/tasks");
        Assert.True((int)encoded.StatusCode < 500, $"an escaped route answered {(int)encoded.StatusCode}");
    }
}
