using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Cascade.Tests.Web;

/// <summary>docs/api.md "Conventions": what a body must be before its fields are read (400, 413, 415).</summary>
public sealed partial class TransportTests(TransportTests.App app) : IClassFixture<TransportTests.App>
{
    public sealed class App : ApiApp;

    private const string GoodTask = """{"title":"Study","track":"party","start":"2026-06-01","due":"2026-12-31"}""";

    [Theory]
    [InlineData("{\"title\": ")]
    [InlineData("{'title': 'single quotes'}")]
    [InlineData("{\"title\":\"a\",}")]
    [InlineData("{} {}")]
    [InlineData("/* comment */ {}")]
    [InlineData("")]
    public async Task Malformed_json_in_a_task_post_is_rejected_and_changes_nothing(string body)
    {
        var client = await app.Client();
        var unit = Api.Id("malformed-post");
        await client.CreateUnit(unit);
        var before = await client.State(unit);

        var response = await client.Post(Api.Tasks(unit), body);

        await response.Invalid("$");
        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task Malformed_json_in_a_unit_post_is_rejected_and_changes_nothing()
    {
        var client = await app.Client();
        var before = await client.Snapshot(Api.Units);

        var response = await client.Post(Api.Units, """{"id":"broken","parentId":"root","name":"Broken","kind":"branch" """);

        await response.Invalid("$");
        Assert.Equal(before, await client.Snapshot(Api.Units));
    }

    [Fact]
    public async Task Malformed_json_in_a_task_patch_is_rejected_and_changes_nothing()
    {
        var client = await app.Client();
        var unit = Api.Id("malformed-patch");
        await client.CreateUnit(unit);
        await client.CreateTask(unit, "t1");
        var before = await client.State(unit);

        var response = await client.Patch(Api.Task(unit, "t1"), """{"progress": 50""");

        await response.Invalid("$");
        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task Malformed_json_in_a_unit_patch_is_rejected_and_changes_nothing()
    {
        var client = await app.Client();
        var unit = Api.Id("malformed-unit-patch");
        await client.CreateUnit(unit);
        var before = await client.State(unit);

        var response = await client.Patch($"{Api.Units}/{unit}", """{"name": """);

        await response.Invalid("$");
        Assert.Equal(before, await client.State(unit));
    }

    [Theory]
    [InlineData("""[{"title":"Study","track":"party","start":"2026-06-01","due":"2026-12-31"}]""")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    public async Task A_body_that_is_not_a_json_object_is_rejected_and_changes_nothing(string body)
    {
        var client = await app.Client();
        var unit = Api.Id("not-object");
        await client.CreateUnit(unit);
        await client.CreateTask(unit, "t1");
        var before = await client.State(unit);

        await (await client.Post(Api.Tasks(unit), body)).Invalid("$");
        await (await client.Patch(Api.Task(unit, "t1"), body)).Invalid("$");
        await (await client.Patch($"{Api.Units}/{unit}", body)).Invalid("$");
        await (await client.Post(Api.Units, body)).Invalid("$");

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task A_NaN_weight_is_not_json_and_is_rejected_as_malformed()
    {
        var client = await app.Client();
        var unit = Api.Id("nan");
        await client.CreateUnit(unit);
        await client.CreateTask(unit, "t1");
        var before = await client.State(unit);

        await (await client.Post(Api.Tasks(unit),
            """{"title":"Study","track":"party","weight":NaN,"start":"2026-06-01","due":"2026-12-31"}""")).Invalid("$");
        await (await client.Patch(Api.Task(unit, "t1"), """{"weight": NaN}""")).Invalid("$");
        await (await client.Patch(Api.Task(unit, "t1"), """{"weight": Infinity}""")).Invalid("$");

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_are_rejected_and_change_nothing()
    {
        var client = await app.Client();
        var unit = Api.Id("bad-bytes");
        await client.CreateUnit(unit);
        await client.CreateTask(unit, "t1");
        var before = await client.State(unit);
        byte[] body = [.. Encoding.UTF8.GetBytes("""{"title":"bad """), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("\"}")];

        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, Api.Task(unit, "t1"))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        });

        await response.Invalid("$");
        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task A_lone_surrogate_escape_in_a_string_or_name_is_rejected_as_malformed_and_changes_nothing()
    {
        var client = await app.Client();
        var unit = Api.Id("surrogate");
        await client.CreateUnit(unit);
        await client.CreateTask(unit, "t1");
        var before = await client.State(unit);

        await (await client.Patch(Api.Task(unit, "t1"), """{"title":"half \ud800 of a pair"}""")).Invalid("$");
        await (await client.Post(Api.Units, $$"""{"id":"{{Api.Id("surrogate-child")}}","parentId":"{{unit}}","name":"\udc00","kind":"branch"}""")).Invalid("$");
        await (await client.Post(Api.Tasks(unit), """{"\ud800":1,"title":"Study","track":"party","start":"2026-06-01","due":"2026-12-31"}""")).Invalid("$");

        Assert.Equal(before, await client.State(unit));
    }

    [Theory]
    [InlineData("""{"progress":20,"progress":100}""")]
    [InlineData("""{"progress":100,"progress":20}""")]
    [InlineData("""{"note":"a","note":null}""")]
    public async Task A_body_that_repeats_a_field_is_rejected_as_malformed_and_changes_nothing(string body)
    {
        var client = await app.Client();
        var unit = Api.Id("repeated");
        await client.CreateUnit(unit);
        await client.CreateTask(unit, "t1");
        var before = await client.State(unit);

        await (await client.Patch(Api.Task(unit, "t1"), body)).Invalid("$");
        await (await client.Patch($"{Api.Units}/{unit}", """{"name":"A","name":"B"}""")).Invalid("$");

        Assert.Equal(before, await client.State(unit));
    }
}
