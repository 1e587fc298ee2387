using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Cascade.Tests.Web;

/// <summary>api.md "Conventions": what a body must be before its fields are read (400, 413, 415).</summary>
public sealed class TransportTests(TransportTests.App app) : IClassFixture<TransportTests.App>
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

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/merge-patch+json")]
    public async Task A_post_in_another_content_type_is_refused_with_415_and_changes_nothing(string contentType)
    {
        var client = await app.Client();
        var unit = Api.Id("wrong-type-post");
        await client.CreateUnit(unit);
        var before = await client.State(unit);

        await (await client.Post(Api.Tasks(unit), GoodTask, contentType)).Problem(HttpStatusCode.UnsupportedMediaType);
        await (await client.Post(Api.Units, """{"id":"typed","parentId":"root","name":"Typed","kind":"branch"}""", contentType))
            .Problem(HttpStatusCode.UnsupportedMediaType);

        Assert.Equal(before, await client.State(unit));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public async Task A_patch_in_another_content_type_is_refused_with_415_and_changes_nothing(string contentType)
    {
        var client = await app.Client();
        var unit = Api.Id("wrong-type-patch");
        await client.CreateUnit(unit);
        await client.CreateTask(unit, "t1");
        var before = await client.State(unit);

        await (await client.Patch(Api.Task(unit, "t1"), """{"progress":40}""", contentType)).Problem(HttpStatusCode.UnsupportedMediaType);
        await (await client.Patch($"{Api.Units}/{unit}", """{"name":"Renamed"}""", contentType)).Problem(HttpStatusCode.UnsupportedMediaType);

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task A_body_without_a_content_type_is_refused_with_415_and_changes_nothing()
    {
        var client = await app.Client();
        var unit = Api.Id("no-type");
        await client.CreateUnit(unit);
        await client.CreateTask(unit, "t1");
        var before = await client.State(unit);

        await (await client.Post(Api.Tasks(unit), GoodTask, contentType: null)).Problem(HttpStatusCode.UnsupportedMediaType);
        await (await client.Patch(Api.Task(unit, "t1"), """{"progress":40}""", contentType: null)).Problem(HttpStatusCode.UnsupportedMediaType);
        await (await client.Post(Api.Units, """{"id":"untyped","parentId":"root","name":"Untyped","kind":"branch"}""", contentType: null))
            .Problem(HttpStatusCode.UnsupportedMediaType);
        await (await client.Patch($"{Api.Units}/{unit}", """{"name":"Renamed"}""", contentType: null)).Problem(HttpStatusCode.UnsupportedMediaType);

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task A_json_content_type_with_a_charset_is_accepted()
    {
        var client = await app.Client();
        var unit = Api.Id("charset");
        await client.CreateUnit(unit);

        var response = await client.Post(Api.Tasks(unit), GoodTask, "application/json; charset=utf-8");

        await response.Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_merge_patch_content_type_is_accepted_for_patches()
    {
        var client = await app.Client();
        var unit = Api.Id("merge-patch");
        await client.CreateUnit(unit);
        await client.CreateTask(unit, "t1");

        var task = await (await client.Patch(Api.Task(unit, "t1"), """{"progress":40}""", "application/merge-patch+json"))
            .Expect(HttpStatusCode.OK);
        var renamed = await (await client.Patch($"{Api.Units}/{unit}", """{"name":"Merged"}""", "application/merge-patch+json"))
            .Expect(HttpStatusCode.OK);

        Assert.Equal(40, task.GetProperty("progress").GetInt32());
        Assert.Equal("Merged", renamed.GetProperty("name").GetString());
    }

    /// <summary>A valid JSON object a little over 64 KiB: the size alone is wrong.</summary>
    private static string Oversized() =>
        $$"""{"title":"Study","track":"party","start":"2026-06-01","due":"2026-12-31","padding":"{{new string('x', 64 * 1024)}}"}""";

    [Fact]
    public async Task A_body_over_64_KiB_is_refused_with_413_and_changes_nothing()
    {
        var client = await app.Client();
        var unit = Api.Id("too-large");
        await client.CreateUnit(unit);
        await client.CreateTask(unit, "t1");
        var before = await client.State(unit);

        await (await client.Post(Api.Tasks(unit), Oversized())).Problem(HttpStatusCode.RequestEntityTooLarge);
        await (await client.Patch(Api.Task(unit, "t1"), Oversized())).Problem(HttpStatusCode.RequestEntityTooLarge);
        await (await client.Patch($"{Api.Units}/{unit}", Oversized())).Problem(HttpStatusCode.RequestEntityTooLarge);
        await (await client.Post(Api.Units, Oversized())).Problem(HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task A_chunked_body_over_64_KiB_without_a_length_is_refused_with_413_and_changes_nothing()
    {
        var client = await app.Client();
        var unit = Api.Id("too-large-chunked");
        await client.CreateUnit(unit);
        var before = await client.State(unit);
        var content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(Oversized())));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await client.PostAsync(Api.Tasks(unit), content);

        Assert.Null(content.Headers.ContentLength);
        await response.Problem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await client.State(unit));
    }

    [Fact]
    public async Task A_body_of_exactly_64_KiB_is_read()
    {
        var client = await app.Client();
        var unit = Api.Id("at-limit");
        await client.CreateUnit(unit);
        var start = """{"title":"Study","track":"party","start":"2026-06-01","due":"2026-12-31","padding":" """.TrimEnd();
        var body = start + new string('x', 64 * 1024 - start.Length - 2) + "\"}";
        Assert.Equal(64 * 1024, Encoding.UTF8.GetByteCount(body));

        var response = await client.Post(Api.Tasks(unit), body);

        await response.Expect(HttpStatusCode.Created);
    }

    /// <summary>Hides the length so the client must send the body chunked.</summary>
    [Theory]
    [InlineData("PUT", "/api/v1/units/root", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/api/v1/nowhere", HttpStatusCode.NotFound)]
    public async Task Answers_from_the_framework_are_problem_details_with_a_detail(string method, string url, HttpStatusCode status)
    {
        var client = await app.Client();
        await (await client.Send(new HttpMethod(method), url, null)).Problem(status);
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
